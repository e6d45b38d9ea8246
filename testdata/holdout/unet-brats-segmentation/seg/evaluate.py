import argparse
import json

import torch
import yaml
from monai.inferers import sliding_window_inference
from monai.metrics import DiceMetric
from monai.networks.nets import UNet


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    ap.add_argument("--ckpt", required=True)
    args = ap.parse_args()
    cfg = yaml.safe_load(open(args.config))
    net = UNet(3, 4, 3, channels=(32, 64, 128, 256, 320), strides=(2, 2, 2, 2)).cuda().eval()
    net.load_state_dict(torch.load(args.ckpt))
    dice = DiceMetric(include_background=False, reduction="mean_batch")
    for case in json.load(open(cfg["folds_file"]))[0]:
        img = torch.load(case["image"].replace(".nii.gz", ".pt")).cuda()[None]
        with torch.no_grad():
            pred = sliding_window_inference(img, cfg["roi"], 4, net) > 0
        dice(pred, torch.load(case["label"].replace(".nii.gz", ".pt")).cuda()[None])
    print(dice.aggregate().tolist())


if __name__ == "__main__":
    main()
