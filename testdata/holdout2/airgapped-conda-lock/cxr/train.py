import argparse

import torch
from monai.networks.nets import DenseNet121
from monai.utils import set_determinism
from sklearn.metrics import roc_auc_score

from cxr.data import LABELS, loaders


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--csv", default="/data/chexpert_small/splits.csv")
    p.add_argument("--images", default="/data/chexpert_small")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args()

    set_determinism(seed=args.seed)
    device = "cuda"
    train_dl, val_dl = loaders(args.csv, args.images)
    model = DenseNet121(spatial_dims=2, in_channels=1, out_channels=len(LABELS)).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-4)
    loss_fn = torch.nn.BCEWithLogitsLoss()
    for epoch in range(args.epochs):
        model.train()
        for batch in train_dl:
            x, y = batch["image"].to(device), batch["label"].to(device)
            opt.zero_grad()
            loss_fn(model(x), y).backward()
            opt.step()
        model.eval()
        ys, ps = [], []
        with torch.no_grad():
            for batch in val_dl:
                ps.append(torch.sigmoid(model(batch["image"].to(device))).cpu())
                ys.append(batch["label"])
        y, pr = torch.cat(ys).numpy(), torch.cat(ps).numpy()
        aucs = [roc_auc_score(y[:, i], pr[:, i]) for i in range(len(LABELS))]
        print(f"epoch {epoch}: mean AUROC {sum(aucs) / len(aucs):.4f}")
        torch.save(model.state_dict(), f"densenet121_epoch{epoch}.pt")


if __name__ == "__main__":
    main()
