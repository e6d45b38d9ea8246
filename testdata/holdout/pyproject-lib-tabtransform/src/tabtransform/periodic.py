import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils import check_random_state


class PeriodicEmbedding(BaseEstimator, TransformerMixin):
    """sin/cos features at random frequencies (Gorishniy et al., 2022)."""

    def __init__(self, n_frequencies=16, sigma=1.0, random_state=None):
        self.n_frequencies = n_frequencies
        self.sigma = sigma
        self.random_state = random_state

    def fit(self, X, y=None):
        rng = check_random_state(self.random_state)
        X = np.asarray(X, dtype=float)
        self.freq_ = rng.normal(0.0, self.sigma, size=(X.shape[1], self.n_frequencies))
        return self

    def transform(self, X):
        z = 2 * np.pi * np.asarray(X, dtype=float)[:, :, None] * self.freq_[None]
        return np.concatenate([np.sin(z), np.cos(z)], axis=-1).reshape(len(X), -1)
