import argparse

import timm
import torch
import yaml
from torch.utils.data import DataLoader
from torchvision import datasets


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--ckpt", required=True)
    args = ap.parse_args()
    cfg = yaml.safe_load(open(args.config))
    model = timm.create_model(cfg["model"], pretrained=False, num_classes=37)
    model.load_state_dict(torch.load(args.ckpt, map_location="cpu"))
    model = model.cuda().eval()
    tf = timm.data.create_transform(**timm.data.resolve_data_config({}, model=model))
    dl = DataLoader(datasets.OxfordIIITPet("data", split="test", transform=tf, download=True), batch_size=128)
    correct = 0
    with torch.no_grad():
        for x, y in dl:
            correct += (model(x.cuda()).argmax(1).cpu() == y).sum().item()
    print(f"top-1 {100 * correct / len(dl.dataset):.2f}")


if __name__ == "__main__":
    main()
