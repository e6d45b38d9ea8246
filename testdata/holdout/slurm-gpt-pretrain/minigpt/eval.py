import argparse
import math

import numpy as np
import torch

from minigpt.model import GPT

ap = argparse.ArgumentParser()
ap.add_argument("--ckpt", required=True)
ap.add_argument("--split", default="val")
ap.add_argument("--data_dir", default="/scratch/owt")
args = ap.parse_args()
model = GPT(12, 12, 768, 1024).cuda().eval()
model.load_state_dict(torch.load(args.ckpt))
data = np.memmap(f"{args.data_dir}/{args.split}.bin", dtype=np.uint16, mode="r")
losses = []
with torch.no_grad():
    for i in range(0, len(data) - 1025, 1024 * 8):
        x = torch.from_numpy(data[i:i + 1024].astype(np.int64))[None].cuda()
        y = torch.from_numpy(data[i + 1:i + 1025].astype(np.int64))[None].cuda()
        losses.append(model(x, y)[1].item())
print(f"val loss {np.mean(losses):.3f}  ppl {math.exp(np.mean(losses)):.1f}")
