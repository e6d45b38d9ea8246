import argparse

from mmengine.config import Config
from mmengine.runner import Runner


def main():
    parser = argparse.ArgumentParser(description="Train a segmentor")
    parser.add_argument("config")
    parser.add_argument("--work-dir")
    parser.add_argument("--launcher", choices=["none", "pytorch", "slurm"], default="none")
    parser.add_argument("--local_rank", "--local-rank", type=int, default=0)
    args = parser.parse_args()
    cfg = Config.fromfile(args.config)
    cfg.launcher = args.launcher
    cfg.work_dir = args.work_dir or f"work_dirs/{args.config.split('/')[-1][:-3]}"
    runner = Runner.from_cfg(cfg)
    runner.train()


if __name__ == "__main__":
    main()
