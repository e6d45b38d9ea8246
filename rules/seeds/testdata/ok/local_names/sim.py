import numpy as np


def simulate(seed):
    random = np.random.RandomState(seed)  # a local generator, not the random module
    torch = None
    return random.choice([1, 2, 3]), random.shuffle([1, 2]), torch


if __name__ == "__main__":
    simulate(0)
