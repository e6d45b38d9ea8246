import argparse
import os

import torch
import torchvision
import torchvision.transforms as T
import wandb
import yaml
from torch import nn

from utils.seed import seed_everything


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="configs/cifar10.yaml")
    cfg = yaml.safe_load(open(parser.parse_args().config))
    seed_everything(cfg["seed"])

    device = torch.device("cuda")
    train_tf = T.Compose([T.RandomCrop(32, padding=4), T.RandomHorizontalFlip(), T.ToTensor(),
                          T.Normalize((0.4914, 0.4822, 0.4465), (0.247, 0.243, 0.261))])
    test_tf = T.Compose([T.ToTensor(), T.Normalize((0.4914, 0.4822, 0.4465), (0.247, 0.243, 0.261))])
    train_set = torchvision.datasets.CIFAR10(cfg["data_dir"], train=True, download=True, transform=train_tf)
    test_set = torchvision.datasets.CIFAR10(cfg["data_dir"], train=False, download=True, transform=test_tf)
    train_loader = torch.utils.data.DataLoader(train_set, batch_size=cfg["batch_size"], shuffle=True,
                                               num_workers=cfg["num_workers"], pin_memory=True, drop_last=True)
    test_loader = torch.utils.data.DataLoader(test_set, batch_size=512, num_workers=cfg["num_workers"])

    model = torchvision.models.resnet18(num_classes=10)
    model.conv1 = nn.Conv2d(3, 64, 3, 1, 1, bias=False)
    model.maxpool = nn.Identity()
    model = model.to(device)
    opt = torch.optim.SGD(model.parameters(), lr=cfg["lr"], momentum=cfg["momentum"],
                          weight_decay=cfg["weight_decay"], nesterov=True)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, cfg["lr"], epochs=cfg["epochs"], steps_per_epoch=len(train_loader))
    run = wandb.init(project="cifar-resnet", config=cfg)

    for epoch in range(cfg["epochs"]):
        model.train()
        for x, y in train_loader:
            x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
            loss = nn.functional.cross_entropy(model(x), y)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
        model.eval()
        correct = 0
        with torch.no_grad():
            for x, y in test_loader:
                correct += (model(x.to(device)).argmax(1).cpu() == y).sum().item()
        run.log({"epoch": epoch, "loss": loss.item(), "test_acc": correct / len(test_set)})

    os.makedirs(cfg["out_dir"], exist_ok=True)
    torch.save(model.state_dict(), os.path.join(cfg["out_dir"], "resnet18_cifar10.pt"))


if __name__ == "__main__":
    main()
