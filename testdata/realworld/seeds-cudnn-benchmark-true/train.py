import argparse
import random

import numpy as np
import torch
import torch.nn as nn


def set_seed(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.cuda.manual_seed_all(seed)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    set_seed(args.seed)
    torch.backends.cudnn.benchmark = True
    device = torch.device("cuda")
    model = nn.Conv2d(3, 16, 3).to(device)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    x = torch.randn(8, 3, 32, 32, device=device)
    loss = model(x).mean()
    loss.backward()
    opt.step()


if __name__ == "__main__":
    main()
