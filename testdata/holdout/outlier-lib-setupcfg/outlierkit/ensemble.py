import numpy as np
from scipy.stats import rankdata
from sklearn.ensemble import IsolationForest
from sklearn.neighbors import LocalOutlierFactor


class EnsembleScorer:
    """Average rank of IsolationForest and LOF outlier scores."""

    def __init__(self, n_estimators=200, n_neighbors=20, random_state=None):
        self.n_estimators = n_estimators
        self.n_neighbors = n_neighbors
        self.random_state = random_state

    def fit_score(self, X):
        iso = IsolationForest(n_estimators=self.n_estimators, random_state=self.random_state).fit(X)
        lof = LocalOutlierFactor(n_neighbors=self.n_neighbors).fit(X)
        s1 = rankdata(-iso.score_samples(X))
        s2 = rankdata(-lof.negative_outlier_factor_)
        return (s1 + s2) / (2 * len(X))
