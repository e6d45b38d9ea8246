import argparse

from mmengine.config import Config
from mmengine.runner import Runner


def main():
    parser = argparse.ArgumentParser(description="Evaluate a checkpoint")
    parser.add_argument("config")
    parser.add_argument("checkpoint")
    args = parser.parse_args()
    cfg = Config.fromfile(args.config)
    cfg.load_from = args.checkpoint
    cfg.work_dir = "work_dirs/test"
    runner = Runner.from_cfg(cfg)
    runner.test()


if __name__ == "__main__":
    main()
