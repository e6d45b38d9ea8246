import hydra
import torch

from imgcls import __name__ as pkg


@hydra.main(config_path="configs", config_name="train", version_base=None)
def main(cfg):
    torch.manual_seed(cfg.seed)
    print(pkg, cfg)


if __name__ == "__main__":
    main()
