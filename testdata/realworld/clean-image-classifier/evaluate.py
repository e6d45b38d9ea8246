import argparse

import torch
import torchvision
import torchvision.transforms as T
from torch.utils.data import DataLoader

from src.cls import resnet18
from src.utils import seed_everything


@torch.no_grad()
def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", required=True)
    args = parser.parse_args()
    seed_everything(0)
    test = torchvision.datasets.CIFAR10("data", train=False, transform=T.ToTensor())
    model = resnet18().cuda().eval()
    model.load_state_dict(torch.load(args.checkpoint, map_location="cuda"))
    correct = 0
    for x, y in DataLoader(test, batch_size=512):
        correct += (model(x.cuda()).argmax(1).cpu() == y).sum().item()
    print(f"top-1: {correct / len(test):.4f}")


if __name__ == "__main__":
    main()
