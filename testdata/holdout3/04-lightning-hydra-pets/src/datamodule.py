import lightning as L
import torch
from torch.utils.data import DataLoader, random_split
from torchvision import transforms
from torchvision.datasets import OxfordIIITPet


def _target_to_class(mask):
    return (torch.as_tensor(mask, dtype=torch.long).squeeze(0) * 255 - 1).clamp(0, 2)


class PetsDataModule(L.LightningDataModule):
    def __init__(self, data_dir="data/", image_size=128, batch_size=32, val_fraction=0.1,
                 split_seed=42, num_workers=8, pin_memory=True):
        super().__init__()
        self.save_hyperparameters()
        size = (image_size, image_size)
        self.image_tf = transforms.Compose([transforms.Resize(size), transforms.ToTensor()])
        self.mask_tf = transforms.Compose([
            transforms.Resize(size, interpolation=transforms.InterpolationMode.NEAREST),
            transforms.PILToTensor(),
            transforms.Lambda(_target_to_class),
        ])

    def prepare_data(self):
        OxfordIIITPet(self.hparams.data_dir, split="trainval", target_types="segmentation", download=True)
        OxfordIIITPet(self.hparams.data_dir, split="test", target_types="segmentation", download=True)

    def setup(self, stage=None):
        full = OxfordIIITPet(self.hparams.data_dir, split="trainval", target_types="segmentation",
                             transform=self.image_tf, target_transform=self.mask_tf)
        n_val = int(len(full) * self.hparams.val_fraction)
        generator = torch.Generator().manual_seed(self.hparams.split_seed)
        self.train_set, self.val_set = random_split(full, [len(full) - n_val, n_val], generator=generator)
        self.test_set = OxfordIIITPet(self.hparams.data_dir, split="test", target_types="segmentation",
                                      transform=self.image_tf, target_transform=self.mask_tf)

    def train_dataloader(self):
        return DataLoader(self.train_set, batch_size=self.hparams.batch_size, shuffle=True,
                          num_workers=self.hparams.num_workers, pin_memory=self.hparams.pin_memory)

    def val_dataloader(self):
        return DataLoader(self.val_set, batch_size=self.hparams.batch_size,
                          num_workers=self.hparams.num_workers, pin_memory=self.hparams.pin_memory)

    def test_dataloader(self):
        return DataLoader(self.test_set, batch_size=self.hparams.batch_size,
                          num_workers=self.hparams.num_workers, pin_memory=self.hparams.pin_memory)
