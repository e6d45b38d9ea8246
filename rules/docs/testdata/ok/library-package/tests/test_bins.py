import numpy as np

from tabenc import BinEncoder


def test_shape():
    X = np.random.default_rng(0).normal(size=(100, 3))
    assert BinEncoder(n_bins=4).fit(X).transform(X).shape == (100, 12)
