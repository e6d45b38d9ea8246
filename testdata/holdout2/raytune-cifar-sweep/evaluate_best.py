import argparse
import os

import torch
from ray import tune
from torch.utils.data import DataLoader

from data import load_splits
from model import SmallCNN


@torch.no_grad()
def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--experiment", required=True)
    args = parser.parse_args()

    restored = tune.Tuner.restore(os.path.expanduser(args.experiment), trainable="train_cifar")
    best = restored.get_results().get_best_result(metric="val_acc", mode="max")
    model = SmallCNN(width=best.config["width"], dropout=best.config["dropout"])
    with best.checkpoint.as_directory() as ckpt_dir:
        model.load_state_dict(torch.load(os.path.join(ckpt_dir, "model.pt"), map_location="cpu"))
    model.eval()

    _, _, test_set = load_splits()
    correct = 0
    for x, y in DataLoader(test_set, batch_size=512):
        correct += (model(x).argmax(1) == y).sum().item()
    print(f"test accuracy: {correct / len(test_set):.4f}  ({best.config})")


if __name__ == "__main__":
    main()
