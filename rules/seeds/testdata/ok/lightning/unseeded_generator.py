"""Nothing seeds torch's global RNG, but every draw has its own generator."""
import torch
from torch.utils.data import DataLoader, RandomSampler, random_split


def main(ds, seed=0):
    g = torch.Generator().manual_seed(seed)
    train_set, test_set = random_split(ds, [0.8, 0.2], generator=g)
    train = DataLoader(train_set, batch_size=8, shuffle=True, num_workers=2, generator=g)
    sampled = DataLoader(train_set, sampler=RandomSampler(train_set, generator=g), num_workers=2)
    test = DataLoader(test_set, batch_size=8, num_workers=2)
    return train, sampled, test


if __name__ == "__main__":
    main([])
