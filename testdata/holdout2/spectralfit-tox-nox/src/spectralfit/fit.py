import numpy as np
from scipy.optimize import least_squares

from spectralfit.models import multi_voigt


def fit_lines(x, y, centers, sigma0=0.05, gamma0=0.05, baseline="linear"):
    """Least-squares fit of one Voigt per initial center plus a polynomial baseline."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    n_base = {"none": 0, "constant": 1, "linear": 2}[baseline]
    p0 = []
    for c in centers:
        i = np.argmin(np.abs(x - c))
        p0 += [max(y[i], 1e-12) * sigma0 * 2.5, c, sigma0, gamma0]
    p0 += [0.0] * n_base

    def resid(p):
        base = np.polyval(p[len(p) - n_base:], x) if n_base else 0.0
        return multi_voigt(x, p[: len(p) - n_base]) + base - y

    lower = [0, -np.inf, 1e-6, 0] * len(centers) + [-np.inf] * n_base
    res = least_squares(resid, p0, bounds=(lower, np.inf), method="trf")
    return res.x[: 4 * len(centers)].reshape(-1, 4), res
