import argparse
import os

import torch
import torch.nn as nn
from torch.utils.data import DataLoader
from torch.utils.tensorboard import SummaryWriter
from torchmetrics.classification import MulticlassAccuracy

from kws.data import KWSDataset
from kws.model import DSCNN
from kws.utils import set_seed


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=40)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--data", default="data")
    args = p.parse_args()

    set_seed(args.seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    train_ds = KWSDataset(args.data, "training", augment=True)
    val_ds = KWSDataset(args.data, "validation")
    train_dl = DataLoader(train_ds, batch_size=128, shuffle=True, num_workers=4, drop_last=True)
    val_dl = DataLoader(val_ds, batch_size=256, num_workers=4)

    model = DSCNN().to(device)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=args.epochs * len(train_dl))
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)
    acc = MulticlassAccuracy(num_classes=35).to(device)
    out = f"runs/kws_seed{args.seed}"
    os.makedirs(out, exist_ok=True)
    writer = SummaryWriter(out)
    best = 0.0

    for epoch in range(args.epochs):
        model.train()
        for x, y in train_dl:
            x, y = x.to(device), y.to(device)
            opt.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
            sched.step()
        model.eval()
        acc.reset()
        with torch.no_grad():
            for x, y in val_dl:
                acc.update(model(x.to(device)), y.to(device))
        val_acc = acc.compute().item()
        writer.add_scalar("val/acc", val_acc, epoch)
        if val_acc > best:
            best = val_acc
            torch.save(model.state_dict(), f"{out}/best.pt")
    print(f"best val acc {best:.4f}")


if __name__ == "__main__":
    main()
