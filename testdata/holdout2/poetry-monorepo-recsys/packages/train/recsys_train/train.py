import argparse

import mlflow
import pandas as pd
import torch
from torch.utils.data import DataLoader, TensorDataset

from recsys_core.model import TwoTower
from recsys_core.seed import seed_everything


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--interactions", default="data/interactions.parquet")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--out", default="artifacts/two_tower.pt")
    args = p.parse_args()

    seed_everything(args.seed)
    df = pd.read_parquet(args.interactions)
    uf = torch.tensor(df.filter(like="u_").values, dtype=torch.float32)
    itf = torch.tensor(df.filter(like="i_").values, dtype=torch.float32)
    ds = TensorDataset(torch.tensor(df.user_idx.values), uf, torch.tensor(df.item_idx.values), itf)
    loader = DataLoader(ds, batch_size=1024, shuffle=True, drop_last=True)
    model = TwoTower(int(df.user_idx.max()) + 1, int(df.item_idx.max()) + 1, uf.shape[1], itf.shape[1])
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    with mlflow.start_run():
        mlflow.log_params(vars(args))
        for epoch in range(args.epochs):
            for batch in loader:
                loss = model.loss(*batch)
                opt.zero_grad()
                loss.backward()
                opt.step()
            mlflow.log_metric("loss", loss.item(), step=epoch)
    torch.save(model.state_dict(), args.out)


if __name__ == "__main__":
    main()
