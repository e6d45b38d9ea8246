"""The loader is the program's first draw from torch: REPRO-SEED-001 says it."""
from torch.utils.data import DataLoader


def main(ds):
    return DataLoader(ds, shuffle=True, num_workers=4)


if __name__ == "__main__":
    main([])
