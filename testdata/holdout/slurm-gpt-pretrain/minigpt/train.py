import argparse
import os

import numpy as np
import torch
import torch.distributed as dist
import yaml

from minigpt.model import GPT


def get_batch(data, block_size, batch_size, device):
    ix = torch.randint(len(data) - block_size, (batch_size,))
    x = torch.stack([torch.from_numpy(data[i:i + block_size].astype(np.int64)) for i in ix])
    y = torch.stack([torch.from_numpy(data[i + 1:i + 1 + block_size].astype(np.int64)) for i in ix])
    return x.to(device), y.to(device)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True)
    cfg = yaml.safe_load(open(ap.parse_args().config))
    dist.init_process_group("nccl")
    rank = dist.get_rank()
    torch.cuda.set_device(int(os.environ["LOCAL_RANK"]))
    torch.manual_seed(cfg["seed"] + rank)
    data = np.memmap(os.path.join(cfg["data_dir"], "train.bin"), dtype=np.uint16, mode="r")
    model = GPT(cfg["n_layer"], cfg["n_head"], cfg["n_embd"], cfg["block_size"]).cuda()
    model = torch.nn.parallel.DistributedDataParallel(model)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg["lr"], betas=(0.9, 0.95), weight_decay=0.1)
    for it in range(cfg["max_iters"]):
        for _ in range(cfg["grad_accum"]):
            x, y = get_batch(data, cfg["block_size"], cfg["batch_size"], "cuda")
            _, loss = model(x, y)
            (loss / cfg["grad_accum"]).backward()
        opt.step()
        opt.zero_grad(set_to_none=True)
    if rank == 0:
        os.makedirs(cfg["out_dir"], exist_ok=True)
        torch.save(model.module.state_dict(), os.path.join(cfg["out_dir"], "ckpt_final.pt"))
    dist.destroy_process_group()


if __name__ == "__main__":
    main()
