import argparse

import torch
from diffusers import DDPMPipeline
from torchvision.utils import save_image

p = argparse.ArgumentParser()
p.add_argument("--ckpt", default="ddpm-out")
p.add_argument("--n", type=int, default=16)
p.add_argument("--seed", type=int, default=0)
args = p.parse_args()

pipe = DDPMPipeline.from_pretrained(args.ckpt).to("cuda")
g = torch.Generator("cuda").manual_seed(args.seed)
images = pipe(batch_size=args.n, generator=g, output_type="np").images
save_image(torch.from_numpy(images).permute(0, 3, 1, 2), "samples.png", nrow=8)
