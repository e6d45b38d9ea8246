import torch
import torch.nn as nn
from torch_geometric_temporal.nn.recurrent import A3TGCN


class TrafficA3TGCN(nn.Module):
    def __init__(self, node_features=2, periods=12, hidden=32):
        super().__init__()
        self.tgnn = A3TGCN(in_channels=node_features, out_channels=hidden, periods=periods)
        self.out = nn.Linear(hidden, periods)

    def forward(self, x, edge_index, edge_weight):
        h = self.tgnn(x, edge_index, edge_weight)
        return self.out(torch.relu(h))
