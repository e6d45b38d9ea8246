import hydra
from omegaconf import DictConfig

from model import UNetModule


@hydra.main(version_base="1.3", config_path="../configs", config_name="eval")
def main(cfg: DictConfig) -> None:
    datamodule = hydra.utils.instantiate(cfg.data)
    model = UNetModule.load_from_checkpoint(cfg.ckpt_path)
    trainer = hydra.utils.instantiate(cfg.trainer)
    trainer.test(model, datamodule=datamodule)


if __name__ == "__main__":
    main()
