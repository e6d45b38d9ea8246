import torch
import torch.nn as nn
import torch.nn.functional as F


class Tower(nn.Module):
    def __init__(self, n_ids, n_feats, dim=64):
        super().__init__()
        self.emb = nn.Embedding(n_ids, dim)
        self.mlp = nn.Sequential(nn.Linear(dim + n_feats, 128), nn.ReLU(), nn.Linear(128, dim))

    def forward(self, ids, feats):
        return F.normalize(self.mlp(torch.cat([self.emb(ids), feats], dim=-1)), dim=-1)


class TwoTower(nn.Module):
    def __init__(self, n_users, n_items, user_feats, item_feats, dim=64, temperature=0.05):
        super().__init__()
        self.user = Tower(n_users, user_feats, dim)
        self.item = Tower(n_items, item_feats, dim)
        self.temperature = temperature

    def loss(self, u_ids, u_feats, i_ids, i_feats):
        u = self.user(u_ids, u_feats)
        i = self.item(i_ids, i_feats)
        logits = u @ i.T / self.temperature
        return F.cross_entropy(logits, torch.arange(len(u), device=u.device))
