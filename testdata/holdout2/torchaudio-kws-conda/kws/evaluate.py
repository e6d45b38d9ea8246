import argparse

import torch
from torch.utils.data import DataLoader
from torchmetrics.classification import MulticlassAccuracy

from kws.data import KWSDataset
from kws.model import DSCNN


@torch.no_grad()
def main():
    p = argparse.ArgumentParser()
    p.add_argument("--ckpt", required=True)
    p.add_argument("--data", default="data")
    args = p.parse_args()
    model = DSCNN()
    model.load_state_dict(torch.load(args.ckpt, map_location="cpu"))
    model.eval()
    acc = MulticlassAccuracy(num_classes=35)
    for x, y in DataLoader(KWSDataset(args.data, "testing"), batch_size=256):
        acc.update(model(x), y)
    print(f"test accuracy: {acc.compute().item():.4f}")


if __name__ == "__main__":
    main()
