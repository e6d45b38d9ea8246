import numpy as np
from sklearn.model_selection import train_test_split


def init_weights(n):
    return np.random.randn(n, n)


def split(X, y, seed):
    return train_test_split(X, y, test_size=0.25, random_state=seed)
