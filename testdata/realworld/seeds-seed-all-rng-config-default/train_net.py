import torch
from detectron2.utils.env import seed_all_rng

from configs.defaults import get_cfg


def default_setup(cfg, rank=0):
    seed = cfg.SEED
    seed_all_rng(None if seed < 0 else seed + rank)


def main():
    cfg = get_cfg()
    default_setup(cfg)
    model = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 3), torch.nn.ReLU())
    print(model(torch.rand(1, 3, 32, 32)).shape)


if __name__ == "__main__":
    main()
