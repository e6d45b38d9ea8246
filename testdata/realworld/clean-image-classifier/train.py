import argparse

import torch
import torchvision
import torchvision.transforms as T
from torch.utils.data import DataLoader

from src.cls import resnet18
from src.utils import seed_everything


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=200)
    args = parser.parse_args()
    g = seed_everything(args.seed)
    tf = T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(), T.ToTensor()])
    train = torchvision.datasets.CIFAR10("data", train=True, transform=tf)
    loader = DataLoader(train, batch_size=128, shuffle=True, num_workers=4, generator=g)
    model = resnet18().cuda()
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=5e-4)
    for _ in range(args.epochs):
        for x, y in loader:
            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
    torch.save(model.state_dict(), f"runs/seed{args.seed}/best.pt")


if __name__ == "__main__":
    main()
