"""A dataclass config whose seed defaults to -1, which the helper replaces with the time."""
import time

import numpy as np

from conf.base import TrainConfig


def seed_all(seed):
    if seed < 0:
        seed = int(time.time())
    np.random.seed(seed)


def main():
    cfg = TrainConfig()
    seed_all(cfg.seed)
    print(np.random.rand(2))


if __name__ == "__main__":
    main()
