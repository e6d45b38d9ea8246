import argparse
import os

import torch
import yaml

from field import HashField


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    cfg = yaml.safe_load(open(ap.parse_args().config))
    torch.manual_seed(cfg["seed"])
    field = HashField(cfg["log2_hashmap_size"]).cuda()
    opt = torch.optim.Adam(field.parameters(), lr=cfg["lr"], eps=1e-15)
    rays = torch.load(os.path.join(cfg["data_dir"], "rays_train.pt"))
    for it in range(cfg["iters"]):
        sel = torch.randint(0, len(rays["o"]), (cfg["batch_rays"],), device="cuda")
        t = torch.rand(cfg["batch_rays"], 64, 1, device="cuda")
        pts = rays["o"][sel, None] + t * rays["d"][sel, None]
        rgb = field(pts.reshape(-1, 3)).reshape(cfg["batch_rays"], 64, 16)[..., :3].sigmoid().mean(1)
        loss = torch.nn.functional.mse_loss(rgb, rays["rgb"][sel])
        opt.zero_grad()
        loss.backward()
        opt.step()
    os.makedirs(f"runs/{cfg['scene']}", exist_ok=True)
    torch.save(field.state_dict(), f"runs/{cfg['scene']}/final.pt")


if __name__ == "__main__":
    main()
