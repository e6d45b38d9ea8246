import torch
from torch.utils.data import TensorDataset


def load_split(name):
    blob = torch.load(f"data/{name}.pt")
    return TensorDataset(blob["tokens"], blob["offsets"], blob["labels"])
