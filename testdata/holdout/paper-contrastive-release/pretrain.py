import argparse
import os

import torch
import torch.nn.functional as F
import torchvision
import yaml
from torch.utils.data import DataLoader
from tqdm import tqdm

from simclr import data
from simclr.utils import seed_everything


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    cfg = yaml.safe_load(open(ap.parse_args().config))
    seed_everything(cfg["seed"])
    device = "cuda" if torch.cuda.is_available() else "cpu"

    ds = data.build(cfg["dataset"], cfg["data_dir"])
    loader = DataLoader(ds, batch_size=cfg["batch_size"], shuffle=True, drop_last=True,
                        num_workers=cfg["num_workers"])
    net = torchvision.models.resnet18(num_classes=128).to(device)
    opt = torch.optim.SGD(net.parameters(), lr=cfg["lr"], momentum=0.9, weight_decay=cfg["weight_decay"])
    for epoch in range(cfg["epochs"]):
        for (x1, x2), _ in tqdm(loader, desc=f"epoch {epoch}"):
            z1 = F.normalize(net(x1.to(device)), dim=1)
            z2 = F.normalize(net(x2.to(device)), dim=1)
            logits = z1 @ z2.t() / cfg["temperature"]
            loss = F.cross_entropy(logits, torch.arange(len(z1), device=device))
            opt.zero_grad()
            loss.backward()
            opt.step()
    os.makedirs(cfg["out_dir"], exist_ok=True)
    torch.save(net.state_dict(), os.path.join(cfg["out_dir"], "last.pt"))


if __name__ == "__main__":
    main()
