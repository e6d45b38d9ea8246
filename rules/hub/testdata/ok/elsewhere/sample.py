import argparse

from diffusers import UNet2DModel

p = argparse.ArgumentParser()
p.add_argument("--ckpt", default="unet-out")
args = p.parse_args()
unet = UNet2DModel.from_pretrained(args.ckpt, subfolder="unet")
