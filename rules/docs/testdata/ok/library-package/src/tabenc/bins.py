import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.preprocessing import KBinsDiscretizer


class BinEncoder(BaseEstimator, TransformerMixin):
    def __init__(self, n_bins=8):
        self.n_bins = n_bins

    def fit(self, X, y=None):
        self.kb_ = KBinsDiscretizer(n_bins=self.n_bins, encode="onehot-dense").fit(np.asarray(X))
        return self

    def transform(self, X):
        return self.kb_.transform(np.asarray(X))
