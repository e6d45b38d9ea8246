import argparse
import json

import torch
import yaml
from monai.data import CacheDataset, DataLoader
from monai.losses import DiceLoss
from monai.networks.nets import UNet
from monai.transforms import (Compose, LoadImaged, RandFlipd, RandSpatialCropd, EnsureChannelFirstd,
                              NormalizeIntensityd)
from monai.utils import set_determinism


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--fold", type=int, required=True)
    args = ap.parse_args()
    cfg = yaml.safe_load(open(args.config))
    set_determinism(seed=cfg["seed"])
    folds = json.load(open(cfg["folds_file"]))
    train_files = [c for i, f in enumerate(folds) if i != args.fold for c in f]
    tf = Compose([LoadImaged(["image", "label"]), EnsureChannelFirstd(["image", "label"]),
                  NormalizeIntensityd("image", nonzero=True, channel_wise=True),
                  RandSpatialCropd(["image", "label"], roi_size=cfg["roi"], random_size=False),
                  RandFlipd(["image", "label"], prob=0.5, spatial_axis=0)])
    loader = DataLoader(CacheDataset(train_files, tf, cache_rate=0.5), batch_size=cfg["batch_size"], shuffle=True, num_workers=8)
    net = UNet(3, 4, 3, channels=(32, 64, 128, 256, 320), strides=(2, 2, 2, 2)).cuda()
    opt = torch.optim.AdamW(net.parameters(), lr=cfg["lr"])
    loss_fn = DiceLoss(sigmoid=True)
    for epoch in range(cfg["epochs"]):
        for batch in loader:
            loss = loss_fn(net(batch["image"].cuda()), batch["label"].cuda())
            opt.zero_grad()
            loss.backward()
            opt.step()
    torch.save(net.state_dict(), f"weights/fold{args.fold}.pt")


if __name__ == "__main__":
    main()
