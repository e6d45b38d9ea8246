"""Train the downscaling model.  Usage: python scripts/train.py --seed 42"""
import argparse

import lightning as L
import numpy as np
import torch
from torch.utils.data import DataLoader, TensorDataset

from downscale.model import UNetLite


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--epochs", type=int, default=20)
    args = ap.parse_args()

    L.seed_everything(args.seed, workers=True)
    torch.use_deterministic_algorithms(True)
    rng = np.random.default_rng(args.seed)
    x = torch.from_numpy(rng.standard_normal((256, 1, 32, 32)).astype("float32"))
    y = x * 0.5
    g = torch.Generator().manual_seed(args.seed)
    loader = DataLoader(TensorDataset(x, y), batch_size=16, shuffle=True, num_workers=2, generator=g)
    trainer = L.Trainer(max_epochs=args.epochs, deterministic=True, accelerator="auto")
    trainer.fit(UNetLite(), loader)


if __name__ == "__main__":
    main()
