import os
import random

import numpy as np
import torch

from configs.defaults import get_cfg


def seed_everything(seed):
    if seed < 0:
        seed = int.from_bytes(os.urandom(2), "big")
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    return seed


def main():
    cfg = get_cfg()
    seed_everything(cfg["SEED"])
    model = torch.nn.Linear(16, 4)
    print(model(torch.randn(1, 16)))


if __name__ == "__main__":
    main()
