"""Train the keyword spotter: kwspot-train seed=13 trainer.max_epochs=30"""
import hydra
import lightning as L
import torch
from omegaconf import DictConfig

from kwspot.data import SpeechCommandsDataModule
from kwspot.model import KeywordSpotter


@hydra.main(config_path="../../configs", config_name="train", version_base="1.3")
def main(cfg: DictConfig) -> None:
    L.seed_everything(cfg.seed, workers=True)
    torch.backends.cudnn.benchmark = False
    datamodule = SpeechCommandsDataModule(cfg.data_dir, batch_size=cfg.batch_size, num_workers=cfg.num_workers)
    model = KeywordSpotter(n_classes=35, lr=cfg.lr)
    trainer = L.Trainer(
        max_epochs=cfg.trainer.max_epochs,
        deterministic=True,
        accelerator="gpu",
        devices=1,
    )
    trainer.fit(model, datamodule=datamodule)
    trainer.test(model, datamodule=datamodule)


if __name__ == "__main__":
    main()
