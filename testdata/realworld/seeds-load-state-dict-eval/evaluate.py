"""Evaluate a trained checkpoint on the validation split."""
import argparse

import torch
from torch.utils.data import DataLoader

from model import ResNetClassifier
from data import ValDataset


@torch.no_grad()
def evaluate(checkpoint, data_dir):
    model = ResNetClassifier(num_classes=100)
    model.load_state_dict(torch.load(checkpoint, map_location="cpu"))
    model.eval()
    loader = DataLoader(ValDataset(data_dir), batch_size=256, shuffle=False, num_workers=4)
    correct = total = 0
    for images, labels in loader:
        correct += (model(images).argmax(1) == labels).sum().item()
        total += labels.numel()
    return correct / total


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("checkpoint")
    parser.add_argument("--data-dir", default="data/val")
    args = parser.parse_args()
    print(f"top-1: {evaluate(args.checkpoint, args.data_dir):.4f}")
