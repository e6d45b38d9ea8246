import lightning as L
import torch
from torch.utils.data import DataLoader, random_split
from torchaudio.datasets import SPEECHCOMMANDS


class SpeechCommandsDataModule(L.LightningDataModule):
    def __init__(self, data_dir: str, batch_size: int = 128, num_workers: int = 4, seed: int = 13):
        super().__init__()
        self.data_dir = data_dir
        self.batch_size = batch_size
        self.num_workers = num_workers
        self.seed = seed

    def prepare_data(self):
        SPEECHCOMMANDS(self.data_dir, download=True)

    def setup(self, stage=None):
        full = SPEECHCOMMANDS(self.data_dir, subset="training")
        generator = torch.Generator().manual_seed(self.seed)
        self.train_set, self.val_set = random_split(full, [0.9, 0.1], generator=generator)
        self.test_set = SPEECHCOMMANDS(self.data_dir, subset="testing")

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.batch_size, shuffle=True, num_workers=self.num_workers)

    def val_dataloader(self):
        return DataLoader(self.val_set, batch_size=self.batch_size, num_workers=self.num_workers)

    def test_dataloader(self):
        return DataLoader(self.test_set, batch_size=self.batch_size, num_workers=self.num_workers)
