import argparse

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from utils import seed_everything


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=3407)
    args = parser.parse_args()
    seed_everything(args.seed)
    x = torch.from_numpy(np.random.rand(512, 20).astype(np.float32))
    y = (x.sum(1) > 10).long()
    g = torch.Generator().manual_seed(args.seed)
    loader = DataLoader(TensorDataset(x, y), batch_size=32, shuffle=True, generator=g)
    model = nn.Sequential(nn.Linear(20, 64), nn.ReLU(), nn.Dropout(0.1), nn.Linear(64, 2)).cuda()
    opt = torch.optim.Adam(model.parameters())
    for xb, yb in loader:
        loss = nn.functional.cross_entropy(model(xb.cuda()), yb.cuda())
        opt.zero_grad()
        loss.backward()
        opt.step()


if __name__ == "__main__":
    main()
