import argparse

import torch
import torch.nn.functional as F
import torchvision
import torchvision.transforms as T
from torch.utils.data import DataLoader

from lab_common.nets import SmallConvNet
from lab_common.seeding import seed_all


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--out", default="checkpoints/convnet.pt")
    args = parser.parse_args()

    seed_all(args.seed)
    tf = T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(), T.ToTensor()])
    data = torchvision.datasets.CIFAR10("data", train=True, download=True, transform=tf)
    loader = DataLoader(data, batch_size=128, shuffle=True, num_workers=4)
    model = SmallConvNet()
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    for _ in range(args.epochs):
        model.train()
        for x, y in loader:
            opt.zero_grad()
            F.cross_entropy(model(x), y).backward()
            opt.step()
    torch.save(model.state_dict(), args.out)


if __name__ == "__main__":
    main()
