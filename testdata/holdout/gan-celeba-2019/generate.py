import argparse

import torch
import torchvision.utils as vutils

from models import Generator

parser = argparse.ArgumentParser()
parser.add_argument("--ckpt", default="pretrained/G_epoch50.pth")
parser.add_argument("--n", type=int, default=64)
opt = parser.parse_args()

netG = Generator()
netG.load_state_dict(torch.load(opt.ckpt, map_location="cpu"))
netG.eval()
with torch.no_grad():
    imgs = netG(torch.randn(opt.n, 100, 1, 1))
vutils.save_image(imgs, "generated.png", normalize=True)
