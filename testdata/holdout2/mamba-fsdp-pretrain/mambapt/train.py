import argparse
import functools
import math
import os

import torch
import torch.distributed as dist
import yaml
from mamba_ssm.models.config_mamba import MambaConfig
from mamba_ssm.models.mixer_seq_simple import Block, MambaLMHeadModel
from torch.distributed.fsdp import FullyShardedDataParallel as FSDP
from torch.distributed.fsdp import MixedPrecision, ShardingStrategy
from torch.distributed.fsdp.wrap import transformer_auto_wrap_policy
from torch.utils.data import DataLoader
from transformers import AutoTokenizer

from mambapt import TOKENIZER
from mambapt.data import PackedStream


def lr_at(step, cfg):
    if step < cfg["warmup_steps"]:
        return cfg["lr"] * step / cfg["warmup_steps"]
    progress = (step - cfg["warmup_steps"]) / (cfg["max_steps"] - cfg["warmup_steps"])
    return cfg["min_lr"] + 0.5 * (cfg["lr"] - cfg["min_lr"]) * (1 + math.cos(math.pi * progress))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", required=True)
    args = parser.parse_args()
    cfg = yaml.safe_load(open(args.config))

    dist.init_process_group("nccl")
    rank, world = dist.get_rank(), dist.get_world_size()
    local_rank = int(os.environ["LOCAL_RANK"])
    torch.cuda.set_device(local_rank)
    torch.manual_seed(cfg["seed"])

    tokenizer = AutoTokenizer.from_pretrained(TOKENIZER)
    model = MambaLMHeadModel(MambaConfig(**cfg["model"]), device="cuda", dtype=torch.float32)
    model = FSDP(
        model,
        auto_wrap_policy=functools.partial(transformer_auto_wrap_policy, transformer_layer_cls={Block}),
        mixed_precision=MixedPrecision(param_dtype=torch.bfloat16, reduce_dtype=torch.float32),
        sharding_strategy=ShardingStrategy.FULL_SHARD,
        device_id=local_rank,
    )
    tc = cfg["train"]
    opt = torch.optim.AdamW(model.parameters(), lr=tc["lr"], betas=(0.9, 0.95), weight_decay=tc["weight_decay"])
    stream = PackedStream(cfg["data"], tokenizer, rank, world, seed=cfg["seed"])
    loader = iter(DataLoader(stream, batch_size=tc["micro_batch"], num_workers=2))

    model.train()
    for step in range(1, tc["max_steps"] + 1):
        for group in opt.param_groups:
            group["lr"] = lr_at(step, tc)
        for _ in range(tc["grad_accum"]):
            batch = next(loader).cuda(non_blocking=True)
            logits = model(batch[:, :-1]).logits
            loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), batch[:, 1:].flatten())
            (loss / tc["grad_accum"]).backward()
        model.clip_grad_norm_(1.0)
        opt.step()
        opt.zero_grad(set_to_none=True)
        if rank == 0 and step % 100 == 0:
            print(f"step {step} loss {loss.item():.4f}", flush=True)
        if step % tc["ckpt_every"] == 0 or step == tc["max_steps"]:
            save(model, cfg["out_dir"], "final" if step == tc["max_steps"] else f"step{step}", rank)
    dist.destroy_process_group()


def save(model, out_dir, tag, rank):
    from torch.distributed.fsdp import FullStateDictConfig, StateDictType
    with FSDP.state_dict_type(model, StateDictType.FULL_STATE_DICT, FullStateDictConfig(offload_to_cpu=True, rank0_only=True)):
        state = model.state_dict()
    if rank == 0:
        os.makedirs(os.path.join(out_dir, tag), exist_ok=True)
        torch.save(state, os.path.join(out_dir, tag, "model.pt"))


if __name__ == "__main__":
    main()
