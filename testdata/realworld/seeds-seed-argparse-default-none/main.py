import argparse
import random

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    args = parser.parse_args()
    random.seed(args.seed)
    np.random.seed(args.seed)
    idx = np.random.permutation(1000)
    print(random.choice(idx))


if __name__ == "__main__":
    main()
