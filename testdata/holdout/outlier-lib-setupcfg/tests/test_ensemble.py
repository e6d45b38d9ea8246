import numpy as np

from outlierkit import EnsembleScorer


def test_outlier_ranks_high():
    rng = np.random.default_rng(0)
    X = np.vstack([rng.normal(size=(200, 2)), [[8.0, 8.0]]])
    s = EnsembleScorer(random_state=0).fit_score(X)
    assert s.argmax() == 200
