import os

import torch
from torch.utils.data import random_split
from torchvision import datasets, transforms

DATA_DIR = os.path.expanduser("~/data/cifar10")
MEAN, STD = (0.4914, 0.4822, 0.4465), (0.2470, 0.2435, 0.2616)


def load_splits():
    train_tf = transforms.Compose([
        transforms.RandomCrop(32, padding=4),
        transforms.RandomHorizontalFlip(),
        transforms.ToTensor(),
        transforms.Normalize(MEAN, STD),
    ])
    test_tf = transforms.Compose([transforms.ToTensor(), transforms.Normalize(MEAN, STD)])
    full = datasets.CIFAR10(DATA_DIR, train=True, download=True, transform=train_tf)
    test = datasets.CIFAR10(DATA_DIR, train=False, download=True, transform=test_tf)
    train, val = random_split(full, [45000, 5000], generator=torch.Generator().manual_seed(0))
    return train, val, test
