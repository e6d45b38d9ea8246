import argparse

import torch
import torchvision

p = argparse.ArgumentParser()
p.add_argument("--labels", type=int, default=1000)
p.add_argument("--epochs", type=int, default=300)
args = p.parse_args()
torch.manual_seed(0)
train = torchvision.datasets.STL10("~/.cache/stl", split="train", download=True)
model = torchvision.models.wide_resnet50_2(num_classes=10)
opt = torch.optim.SGD(model.parameters(), lr=0.03, momentum=0.9)
