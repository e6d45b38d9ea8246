import argparse
import random

import flwr as fl
import numpy as np
import torch
import torchvision
from torchvision import transforms

from fedsim.partition import dirichlet_partition


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--strategy", default="fedavg")
    ap.add_argument("--mu", type=float, default=0.0)
    ap.add_argument("--clients", type=int, default=100)
    ap.add_argument("--alpha", type=float, default=0.5)
    ap.add_argument("--rounds", type=int, default=200)
    ap.add_argument("--fraction", type=float, default=0.1)
    args = ap.parse_args()
    train = torchvision.datasets.CIFAR10("data", train=True, download=True, transform=transforms.ToTensor())
    parts = dirichlet_partition(np.array(train.targets), args.clients, args.alpha)
    torch.manual_seed(0)
    random.seed(0)

    def client_fn(cid: str):
        from fedsim.client import CifarClient
        return CifarClient(torch.utils.data.Subset(train, parts[int(cid)]), mu=args.mu).to_client()

    strategy = fl.server.strategy.FedAvg(fraction_fit=args.fraction, fraction_evaluate=0.0)
    hist = fl.simulation.start_simulation(client_fn=client_fn, num_clients=args.clients,
                                          config=fl.server.ServerConfig(num_rounds=args.rounds), strategy=strategy)
    print(hist.metrics_centralized)


if __name__ == "__main__":
    main()
