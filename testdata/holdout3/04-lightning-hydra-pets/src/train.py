import hydra
import lightning as L
from omegaconf import DictConfig


@hydra.main(version_base="1.3", config_path="../configs", config_name="train")
def main(cfg: DictConfig) -> float:
    L.seed_everything(cfg.seed, workers=True)
    datamodule = hydra.utils.instantiate(cfg.data)
    model = hydra.utils.instantiate(cfg.model)
    trainer = hydra.utils.instantiate(cfg.trainer)
    trainer.fit(model, datamodule=datamodule, ckpt_path=cfg.ckpt_path)
    results = trainer.test(model, datamodule=datamodule, ckpt_path="best")
    return results[0]["test/miou"]


if __name__ == "__main__":
    main()
