import random

import numpy as np

import utils


def main(seed=0):
    utils.set_seed(seed)
    return random.random(), np.random.rand(2)


if __name__ == "__main__":
    main()
