import argparse
import random

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--shuffle-seed", type=int)
    args = parser.parse_args()
    if args.seed is None:
        args.seed = 0
    random.seed(args.seed)
    shuffle_seed = args.shuffle_seed if args.shuffle_seed is not None else 1234
    np.random.seed(shuffle_seed)
    print(random.random(), np.random.rand())


if __name__ == "__main__":
    main()
