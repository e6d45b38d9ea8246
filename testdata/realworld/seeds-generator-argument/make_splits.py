import argparse

import torch
from torch.utils.data import TensorDataset, random_split


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    g = torch.Generator().manual_seed(args.seed)
    data = torch.load("data/all.pt")
    perm = torch.randperm(len(data), generator=g)
    noise = torch.randn(len(data), 8, generator=g)
    train, val = random_split(TensorDataset(data[perm], noise), [0.9, 0.1], generator=g)
    torch.save({"train": train.indices, "val": val.indices}, "splits.pt")


if __name__ == "__main__":
    main()
