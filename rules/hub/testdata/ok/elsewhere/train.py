import argparse
import os

import torch
from diffusers import UNet2DModel

p = argparse.ArgumentParser()
p.add_argument("--out", default="unet-out")
args = p.parse_args()
model = UNet2DModel(sample_size=32)
opt = torch.optim.AdamW(model.parameters())
model.save_pretrained(os.path.join(args.out, "unet"))
