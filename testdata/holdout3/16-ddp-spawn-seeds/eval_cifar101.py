"""Accuracy of a trained checkpoint on CIFAR-10.1 (v6), the re-collected test set."""
import argparse

import numpy as np
import torch

from data import MEAN, STD
from model import resnet18_cifar


@torch.no_grad()
def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ckpt", default="checkpoints/resnet18_ddp.pt")
    parser.add_argument("--data", default="data")
    args = parser.parse_args()
    model = resnet18_cifar()
    model.load_state_dict(torch.load(args.ckpt, map_location="cpu"))
    model.eval()
    images = np.load(f"{args.data}/cifar10.1_v6_data.npy")
    labels = torch.from_numpy(np.load(f"{args.data}/cifar10.1_v6_labels.npy")).long()
    x = torch.from_numpy(images).permute(0, 3, 1, 2).float() / 255
    x = (x - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1)
    preds = torch.cat([model(batch).argmax(1) for batch in x.split(500)])
    print(f"CIFAR-10.1 v6 accuracy: {(preds == labels).float().mean():.4f}")


if __name__ == "__main__":
    main()
