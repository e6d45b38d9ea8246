import numpy as np


def noisy(n):
    return np.random.rand(n)
