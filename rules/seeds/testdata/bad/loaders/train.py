"""Nothing seeds torch: the shuffling loaders change their order on every run."""
import torch
from torch.utils.data import DataLoader, WeightedRandomSampler


def main(train_set, val_set, weights):
    model = torch.nn.Linear(4, 2)
    train = DataLoader(train_set, batch_size=32, shuffle=True, num_workers=2)
    sampler = WeightedRandomSampler(weights, num_samples=len(weights))
    balanced = DataLoader(train_set, batch_size=32, sampler=sampler)
    val = DataLoader(val_set, batch_size=32, num_workers=2)
    torch.manual_seed(0)
    return model, train, balanced, val


if __name__ == "__main__":
    main([], [], [])
