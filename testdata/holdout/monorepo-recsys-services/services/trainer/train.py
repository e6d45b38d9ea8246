import argparse

import pandas as pd
import torch
import torch.nn as nn

torch.manual_seed(0)


class Tower(nn.Module):
    def __init__(self, n, dim=64):
        super().__init__()
        self.emb = nn.Embedding(n, dim)
        self.mlp = nn.Sequential(nn.Linear(dim, dim), nn.ReLU(), nn.Linear(dim, dim))

    def forward(self, ids):
        return nn.functional.normalize(self.mlp(self.emb(ids)), dim=-1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--days", type=int, default=28)
    args = ap.parse_args()
    df = pd.read_parquet(f"/artifacts/interactions_{args.days}d.parquet")
    users, items = Tower(df.user.max() + 1), Tower(df.item.max() + 1)
    opt = torch.optim.Adam([*users.parameters(), *items.parameters()], lr=1e-3)
    u = torch.tensor(df.user.values)
    i = torch.tensor(df.item.values)
    for _ in range(10):
        for b in torch.randperm(len(u)).split(4096):
            logits = users(u[b]) @ items(i[b]).T / 0.05
            loss = nn.functional.cross_entropy(logits, torch.arange(len(b)))
            opt.zero_grad()
            loss.backward()
            opt.step()
    torch.save({"users": users.state_dict(), "items": items.state_dict()}, "/artifacts/two_tower.pt")


if __name__ == "__main__":
    main()
