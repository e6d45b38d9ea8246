import numpy as np

from calibkit import Calibrator


def test_isotonic_is_monotone():
    rng = np.random.default_rng(0)
    p = rng.uniform(0.01, 0.99, 500)
    y = rng.uniform(size=500) < p
    out = Calibrator().fit(p, y).predict(np.sort(p))
    assert np.all(np.diff(out) >= 0)
