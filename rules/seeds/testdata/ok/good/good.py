import random

import numpy as np
import torch


def set_seed(seed: int = 0) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def main():
    set_seed(42)
    a = random.random()
    b = np.random.rand(3)
    c = torch.randn(2, 2)
    return a, b, c


if __name__ == "__main__":
    main()
