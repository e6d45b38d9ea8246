import numpy as np

from tabtransform import PeriodicEmbedding


def test_shape_and_determinism():
    X = np.random.default_rng(0).normal(size=(20, 3))
    a = PeriodicEmbedding(n_frequencies=4, random_state=0).fit_transform(X)
    b = PeriodicEmbedding(n_frequencies=4, random_state=0).fit_transform(X)
    assert a.shape == (20, 3 * 8)
    np.testing.assert_allclose(a, b)
