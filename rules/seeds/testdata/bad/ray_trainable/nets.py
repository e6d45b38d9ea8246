import torch.nn as nn


class MLP(nn.Module):
    def __init__(self, hidden, p_drop=0.1):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(16, hidden), nn.ReLU(), nn.Dropout(p_drop), nn.Linear(hidden, 1))

    def forward(self, x):
        return self.body(x)
