import pandas as pd
from monai.data import CacheDataset, DataLoader
from monai.transforms import (Compose, EnsureChannelFirstd, LoadImaged, RandAffined, RandFlipd, Resized,
                              ScaleIntensityd)

LABELS = ["Atelectasis", "Cardiomegaly", "Consolidation", "Edema", "Pleural Effusion"]


def loaders(csv, image_root, batch_size=32, num_workers=8):
    df = pd.read_csv(csv)
    def items(split):
        sub = df[df["split"] == split]
        return [{"image": f"{image_root}/{p}", "label": row[LABELS].to_numpy(dtype="float32")}
                for p, (_, row) in zip(sub["path"], sub.iterrows())]
    train_tf = Compose([LoadImaged("image"), EnsureChannelFirstd("image"), Resized("image", (320, 320)),
                        ScaleIntensityd("image"), RandFlipd("image", prob=0.5, spatial_axis=1),
                        RandAffined("image", prob=0.5, rotate_range=0.1, scale_range=0.1)])
    val_tf = Compose([LoadImaged("image"), EnsureChannelFirstd("image"), Resized("image", (320, 320)),
                      ScaleIntensityd("image")])
    train = DataLoader(CacheDataset(items("train"), train_tf, cache_rate=0.2), batch_size=batch_size,
                       shuffle=True, num_workers=num_workers)
    val = DataLoader(CacheDataset(items("valid"), val_tf), batch_size=batch_size, num_workers=num_workers)
    return train, val
