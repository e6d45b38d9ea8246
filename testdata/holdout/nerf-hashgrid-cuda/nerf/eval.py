import argparse
import os

import torch
import yaml

from field import HashField

ap = argparse.ArgumentParser()
ap.add_argument("--config", required=True)
ap.add_argument("--ckpt", required=True)
args = ap.parse_args()
cfg = yaml.safe_load(open(args.config))
field = HashField(cfg["log2_hashmap_size"]).cuda()
field.load_state_dict(torch.load(args.ckpt))
rays = torch.load(os.path.join(cfg["data_dir"], "rays_test.pt"))
with torch.no_grad():
    t = torch.linspace(0, 1, 64, device="cuda")[None, :, None]
    pts = rays["o"][:, None] + t * rays["d"][:, None]
    rgb = field(pts.reshape(-1, 3)).reshape(len(rays["o"]), 64, 16)[..., :3].sigmoid().mean(1)
mse = torch.nn.functional.mse_loss(rgb, rays["rgb"])
print("PSNR", (-10 * torch.log10(mse)).item())
