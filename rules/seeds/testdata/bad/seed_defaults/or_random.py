"""The seed falls back to a random number when --seed is not given (the default)."""
import argparse
import random

import torch


def set_seed(seed):
    random.seed(seed)
    torch.manual_seed(seed)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed or random.randint(0, 2**31 - 1)
    print("seed:", seed)
    set_seed(seed)
    print(torch.randn(2))


if __name__ == "__main__":
    main()
