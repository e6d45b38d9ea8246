import numpy as np
from sklearn.model_selection import train_test_split


def init_weights(n):
    return np.random.randn(n, n)


def split(X, y, seed):
    return train_test_split(X, y, test_size=0.25, random_state=seed)


def fixed(X, y):
    # no shuffling and no noise: nothing random, so no random_state needed
    from sklearn.datasets import make_circles
    a = train_test_split(X, y, shuffle=False)
    b = make_circles(n_samples=10, shuffle=False)
    return a, b
