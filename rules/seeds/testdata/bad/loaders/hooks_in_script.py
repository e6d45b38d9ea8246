"""A DataModule in the script itself; nothing seeds torch."""
import lightning as L
from torch.utils.data import DataLoader


class Data(L.LightningDataModule):
    def train_dataloader(self):
        return DataLoader(list(range(10)), shuffle=True)


if __name__ == "__main__":
    L.Trainer().fit(None, datamodule=Data())
