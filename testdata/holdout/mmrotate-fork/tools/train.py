import argparse

from mmengine.config import Config
from mmengine.runner import Runner


def parse_args():
    parser = argparse.ArgumentParser(description="Train a rotated detector")
    parser.add_argument("config", help="train config file path")
    parser.add_argument("--work-dir", help="the dir to save logs and models")
    parser.add_argument("--amp", action="store_true", help="enable automatic-mixed-precision training")
    return parser.parse_args()


def main():
    args = parse_args()
    cfg = Config.fromfile(args.config)
    cfg.work_dir = args.work_dir or "work_dirs"
    if args.amp:
        cfg.optim_wrapper.type = "AmpOptimWrapper"
    runner = Runner.from_cfg(cfg)
    runner.train()


if __name__ == "__main__":
    main()
