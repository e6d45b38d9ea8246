import argparse
import json
import os

import torch
import torch.distributed as dist
import torch.multiprocessing as mp

from models import SynthesizerTrn


def run(rank, n_gpus, hps, model_dir):
    dist.init_process_group("nccl", init_method="env://", world_size=n_gpus, rank=rank)
    torch.manual_seed(hps["train"]["seed"])
    torch.cuda.set_device(rank)
    net_g = SynthesizerTrn(**hps["model"]).cuda(rank)
    optim_g = torch.optim.AdamW(net_g.parameters(), hps["train"]["learning_rate"], betas=(0.8, 0.99))
    for epoch in range(hps["train"]["epochs"]):
        loss = net_g(torch.randn(hps["train"]["batch_size"], 80, 100).cuda(rank)).pow(2).mean()
        optim_g.zero_grad()
        loss.backward()
        optim_g.step()
        if rank == 0 and epoch % 100 == 0:
            torch.save(net_g.state_dict(), os.path.join(model_dir, f"G_{epoch}.pth"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-c", "--config", required=True)
    ap.add_argument("-m", "--model", required=True)
    args = ap.parse_args()
    hps = json.load(open(args.config))
    model_dir = os.path.join("logs", args.model)
    os.makedirs(model_dir, exist_ok=True)
    os.environ.setdefault("MASTER_ADDR", "localhost")
    os.environ.setdefault("MASTER_PORT", "8000")
    mp.spawn(run, nprocs=torch.cuda.device_count(), args=(torch.cuda.device_count(), hps, model_dir))


if __name__ == "__main__":
    main()
