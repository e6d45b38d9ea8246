import argparse
import os

import timm
import torch
import yaml
from torch.utils.data import DataLoader
from torchvision import datasets

from ft.seed import seed_all


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    cfg = yaml.safe_load(open(ap.parse_args().config))
    g = seed_all(cfg["seed"])
    model = timm.create_model(f"hf-hub:timm/{cfg['model']}", pretrained=True, num_classes=37,
                              pretrained_cfg_overlay={"revision": cfg["model_revision"]}).cuda()
    tf = timm.data.create_transform(**timm.data.resolve_data_config({}, model=model), is_training=True)
    ds = datasets.OxfordIIITPet("data", split="trainval", transform=tf, download=True)
    dl = DataLoader(ds, batch_size=cfg["batch_size"], shuffle=True, generator=g, num_workers=8)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], weight_decay=cfg["weight_decay"])
    for epoch in range(cfg["epochs"]):
        model.train()
        for x, y in dl:
            loss = torch.nn.functional.cross_entropy(model(x.cuda()), y.cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
    os.makedirs(cfg["out_dir"], exist_ok=True)
    torch.save(model.state_dict(), os.path.join(cfg["out_dir"], "best.pt"))


if __name__ == "__main__":
    main()
