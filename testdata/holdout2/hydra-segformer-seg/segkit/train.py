import hydra
import lightning as L
from lightning.pytorch.callbacks import LearningRateMonitor, ModelCheckpoint
from omegaconf import DictConfig

from segkit.data import ADESubsetDataModule
from segkit.model import SegFormerModule


@hydra.main(version_base="1.3", config_path="../conf", config_name="config")
def main(cfg: DictConfig) -> float:
    L.seed_everything(cfg.seed, workers=True)
    dm = ADESubsetDataModule(cfg.data)
    model = SegFormerModule(cfg.model, cfg.optim)
    trainer = L.Trainer(
        max_epochs=cfg.trainer.max_epochs,
        precision=cfg.trainer.precision,
        accumulate_grad_batches=cfg.trainer.accumulate_grad_batches,
        log_every_n_steps=cfg.trainer.log_every_n_steps,
        deterministic="warn",
        callbacks=[
            ModelCheckpoint(dirpath="checkpoints", monitor="val/miou", mode="max", save_last=True),
            LearningRateMonitor(),
        ],
    )
    trainer.fit(model, datamodule=dm)
    return float(trainer.callback_metrics["val/miou"])


if __name__ == "__main__":
    main()
