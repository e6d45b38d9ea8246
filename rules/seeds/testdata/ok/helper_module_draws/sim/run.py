import random

import numpy as np
import torch
import torchvision

from sim.split import shard


def main():
    np.random.seed(0)
    torch.manual_seed(0)
    random.seed(0)
    data = torchvision.datasets.MNIST("data", download=True)
    parts = shard(np.array(data.targets), 10, 0.5)
    print([len(p) for p in parts])


if __name__ == "__main__":
    main()
