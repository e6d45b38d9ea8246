"""Library code no program of the repository imports: its callers seed torch."""
from torch.utils.data import DataLoader


def make_loader(ds, batch_size=32):
    return DataLoader(ds, batch_size=batch_size, shuffle=True, num_workers=4)
