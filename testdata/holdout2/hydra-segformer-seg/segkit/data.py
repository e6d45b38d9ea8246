import lightning as L
import torch
from datasets import load_dataset
from omegaconf import DictConfig
from torch.utils.data import DataLoader
from torchvision.transforms import v2 as T

from segkit.labels import remap


class ADESubsetDataModule(L.LightningDataModule):
    def __init__(self, cfg: DictConfig):
        super().__init__()
        self.cfg = cfg
        size = cfg.image_size
        self.train_tf = T.Compose([
            T.RandomResizedCrop(size, scale=(0.5, 2.0), antialias=True),
            T.RandomHorizontalFlip(),
            T.ToDtype(torch.float32, scale=True),
            T.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),
        ])
        self.val_tf = T.Compose([
            T.Resize(size, antialias=True),
            T.CenterCrop(size),
            T.ToDtype(torch.float32, scale=True),
            T.Normalize(mean=[0.485, 0.456, 0.406], std=[0.229, 0.224, 0.225]),
        ])

    def setup(self, stage=None):
        ds = load_dataset(self.cfg.hub_id, revision=self.cfg.revision)
        self.train_ds = ds["train"].with_transform(self._apply(self.train_tf))
        self.val_ds = ds["validation"].with_transform(self._apply(self.val_tf))

    def _apply(self, tf):
        def fn(batch):
            images, masks = [], []
            for img, ann in zip(batch["image"], batch["annotation"]):
                img = T.functional.pil_to_tensor(img.convert("RGB"))
                ann = T.functional.pil_to_tensor(ann).long() - 1
                ann[ann < 0] = 255
                img, ann = tf(img, T.Mask(ann))
                images.append(img)
                masks.append(remap(ann.squeeze(0)))
            return {"pixel_values": images, "labels": masks}
        return fn

    def train_dataloader(self):
        return DataLoader(self.train_ds, batch_size=self.cfg.batch_size, shuffle=True,
                          num_workers=self.cfg.num_workers, collate_fn=_collate, drop_last=True)

    def val_dataloader(self):
        return DataLoader(self.val_ds, batch_size=self.cfg.batch_size,
                          num_workers=self.cfg.num_workers, collate_fn=_collate)


def _collate(items):
    return {
        "pixel_values": torch.stack([x["pixel_values"] for x in items]),
        "labels": torch.stack([x["labels"] for x in items]),
    }
