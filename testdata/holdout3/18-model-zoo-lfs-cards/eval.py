"""Top-1 accuracy of a zoo model on the Food-101 validation split."""
import argparse
import json
import os

import timm
import torch
from safetensors.torch import load_file
from torchvision import datasets, transforms


@torch.no_grad()
def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="models/convnext-tiny-food101")
    parser.add_argument("--data", default="data")
    args = parser.parse_args()
    cfg = json.load(open(os.path.join(args.model, "config.json")))
    model = timm.create_model(cfg["architecture"], pretrained=False, num_classes=cfg["num_classes"])
    model.load_state_dict(load_file(os.path.join(args.model, "model.safetensors")))
    model.eval().cuda()
    pc = cfg["pretrained_cfg"]
    tf = transforms.Compose([transforms.Resize(256), transforms.CenterCrop(224), transforms.ToTensor(),
                             transforms.Normalize(pc["mean"], pc["std"])])
    val = datasets.Food101(args.data, split="test", transform=tf, download=True)
    loader = torch.utils.data.DataLoader(val, batch_size=256, num_workers=8)
    correct = sum((model(x.cuda()).argmax(1).cpu() == y).sum().item() for x, y in loader)
    print(f"top-1: {correct / len(val):.4f}")


if __name__ == "__main__":
    main()
