"""torch's global RNG seeded: the shuffling loader without generator= repeats."""
import torch
from torch.utils.data import DataLoader, RandomSampler, TensorDataset, random_split


def main(seed=0):
    torch.manual_seed(seed)
    ds = TensorDataset(torch.arange(100.0))
    train_set, val_set = random_split(ds, [80, 20], generator=torch.Generator().manual_seed(seed))
    train = DataLoader(train_set, batch_size=8, shuffle=True, num_workers=4)
    sampled = DataLoader(train_set, batch_size=8, sampler=RandomSampler(train_set), num_workers=2)
    val = DataLoader(val_set, batch_size=8, num_workers=4)
    return train, sampled, val


if __name__ == "__main__":
    main()
