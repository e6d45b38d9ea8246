import torch
import torch.nn as nn


class ConditionalUnet1D(nn.Module):
    def __init__(self, input_dim, global_cond_dim, hidden=256):
        super().__init__()
        self.t_emb = nn.Embedding(100, hidden)
        self.cond = nn.Linear(global_cond_dim, hidden)
        self.net = nn.Sequential(nn.Conv1d(input_dim, hidden, 5, padding=2), nn.Mish(),
                                 nn.Conv1d(hidden, input_dim, 5, padding=2))

    def forward(self, x, t, cond):
        h = x.transpose(1, 2)
        return self.net(h).transpose(1, 2) + (self.t_emb(t) + self.cond(cond)).mean(-1)[:, None, None]
