import random

import flwr as fl
import numpy as np
import torch
import torchvision
from torchvision import transforms

from fl_exp.shards import label_shards


def main(clients=50, rounds=100):
    torch.manual_seed(0)
    random.seed(0)
    train = torchvision.datasets.FashionMNIST("data", train=True, download=True, transform=transforms.ToTensor())
    shards = label_shards(np.array(train.targets), clients)

    def client_fn(cid):
        from fl_exp.client import MLPClient
        return MLPClient(torch.utils.data.Subset(train, shards[int(cid)])).to_client()

    history = fl.simulation.start_simulation(client_fn=client_fn, num_clients=clients,
                                             config=fl.server.ServerConfig(num_rounds=rounds),
                                             strategy=fl.server.strategy.FedAvg(fraction_fit=0.2))
    print(history.losses_distributed[-1])


if __name__ == "__main__":
    main()
