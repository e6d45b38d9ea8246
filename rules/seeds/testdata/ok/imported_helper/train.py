import numpy as np
import torch

from utils.seed import set_seed


def main():
    set_seed(0)
    print(np.random.rand(3), torch.randn(3))


if __name__ == "__main__":
    main()
