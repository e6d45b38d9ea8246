"""The Trainer calls train_dataloader; nothing seeds torch (seed_everything was forgotten)."""
import lightning as L

from lit.data import DataModule
from lit.model import Net


def main():
    trainer = L.Trainer(max_epochs=3)
    trainer.fit(Net(), datamodule=DataModule([], []))


if __name__ == "__main__":
    main()
