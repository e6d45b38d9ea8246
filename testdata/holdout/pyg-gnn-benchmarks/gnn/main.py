import argparse

import numpy as np
import torch
from torch_geometric.datasets import Planetoid

from models import Net


def random_split(n, train=0.6, val=0.2):
    perm = np.random.permutation(n)
    a, b = int(train * n), int((train + val) * n)
    return perm[:a], perm[a:b], perm[b:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dataset", default="Cora")
    ap.add_argument("--model", default="gcn")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    data = Planetoid("data", args.dataset)[0]
    accs = []
    for run in range(args.runs):
        tr, va, te = random_split(data.num_nodes)
        model = Net(args.model, data.num_features, 64, int(data.y.max()) + 1)
        opt = torch.optim.Adam(model.parameters(), lr=0.005, weight_decay=5e-4)
        for _ in range(200):
            model.train()
            loss = torch.nn.functional.cross_entropy(model(data.x, data.edge_index)[tr], data.y[tr])
            opt.zero_grad()
            loss.backward()
            opt.step()
        model.eval()
        pred = model(data.x, data.edge_index).argmax(1)
        accs.append((pred[te] == data.y[te]).float().mean().item())
    print(f"{args.model} on {args.dataset}: {100 * np.mean(accs):.1f} ± {100 * np.std(accs):.1f}")


if __name__ == "__main__":
    main()
