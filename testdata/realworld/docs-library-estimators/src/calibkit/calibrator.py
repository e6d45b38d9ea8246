import numpy as np
from scipy.optimize import minimize_scalar
from sklearn.isotonic import IsotonicRegression


class Calibrator:
    def __init__(self, method="isotonic"):
        self.method = method

    def fit(self, p, y):
        p, y = np.asarray(p, float), np.asarray(y, float)
        if self.method == "isotonic":
            self.iso_ = IsotonicRegression(out_of_bounds="clip").fit(p, y)
        else:
            logit = np.log(p / (1 - p))
            nll = lambda t: -np.mean(y * np.log(1 / (1 + np.exp(-logit / t))) + (1 - y) * np.log(1 - 1 / (1 + np.exp(-logit / t))))
            self.t_ = minimize_scalar(nll, bounds=(0.05, 20), method="bounded").x
        return self

    def predict(self, p):
        if self.method == "isotonic":
            return self.iso_.predict(p)
        logit = np.log(p / (1 - p))
        return 1 / (1 + np.exp(-logit / self.t_))
