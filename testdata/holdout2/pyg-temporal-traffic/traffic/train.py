import argparse

import torch

from traffic.data import load
from traffic.model import TrafficA3TGCN
from traffic.seed import seed_all


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=30)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", default="a3tgcn_metr_la.pt")
    args = p.parse_args()

    seed_all(args.seed)
    device = "cuda" if torch.cuda.is_available() else "cpu"
    train_ds, _ = load()
    model = TrafficA3TGCN().to(device)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for epoch in range(args.epochs):
        model.train()
        total = 0.0
        for step, snap in enumerate(train_ds):
            snap = snap.to(device)
            pred = model(snap.x, snap.edge_index, snap.edge_attr)
            loss = torch.nn.functional.l1_loss(pred, snap.y[:, 0, :])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item()
        print(f"epoch {epoch}: train MAE (normalised) {total / (step + 1):.4f}")
    torch.save(model.state_dict(), args.out)


if __name__ == "__main__":
    main()
