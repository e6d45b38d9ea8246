import hydra
import lightning as L
from omegaconf import DictConfig

from segkit.data import ADESubsetDataModule
from segkit.model import SegFormerModule


@hydra.main(version_base="1.3", config_path="../conf", config_name="config")
def main(cfg: DictConfig) -> None:
    if cfg.ckpt is None:
        raise SystemExit("pass ckpt=path/to/checkpoint.ckpt")
    dm = ADESubsetDataModule(cfg.data)
    model = SegFormerModule.load_from_checkpoint(cfg.ckpt)
    trainer = L.Trainer(precision=cfg.trainer.precision, logger=False)
    trainer.validate(model, datamodule=dm)


if __name__ == "__main__":
    main()
