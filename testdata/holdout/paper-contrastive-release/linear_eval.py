import argparse

import torch
import torchvision
import yaml
from torch.utils.data import DataLoader
from torchvision import datasets, transforms

from simclr.utils import seed_everything


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--ckpt", required=True)
    args = ap.parse_args()
    cfg = yaml.safe_load(open(args.config))
    seed_everything(cfg["seed"])
    backbone = torchvision.models.resnet18(num_classes=128)
    backbone.load_state_dict(torch.load(args.ckpt, map_location="cpu"))
    backbone.fc = torch.nn.Identity()
    backbone.eval()
    head = torch.nn.Linear(512, 10)
    tf = transforms.ToTensor()
    train = DataLoader(datasets.CIFAR10(cfg["data_dir"], True, tf, download=True), batch_size=512, shuffle=True)
    test = DataLoader(datasets.CIFAR10(cfg["data_dir"], False, tf, download=True), batch_size=512)
    opt = torch.optim.Adam(head.parameters(), lr=1e-3)
    for _ in range(100):
        for x, y in train:
            with torch.no_grad():
                f = backbone(x)
            loss = torch.nn.functional.cross_entropy(head(f), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
    correct = sum((head(backbone(x)).argmax(1) == y).sum().item() for x, y in test)
    print(f"top-1: {100 * correct / len(test.dataset):.2f}")


if __name__ == "__main__":
    main()
