import torch


def shuffled(n):
    return torch.randperm(n)
