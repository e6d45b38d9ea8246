import dgl
import torch
import torch.nn as nn


class GTLayer(nn.Module):
    def __init__(self, dim, heads, dropout, attn_dropout):
        super().__init__()
        self.q = nn.Linear(dim, dim)
        self.k = nn.Linear(dim, dim)
        self.v = nn.Linear(dim, dim)
        self.e = nn.Linear(dim, heads)
        self.o = nn.Linear(dim, dim)
        self.heads = heads
        self.norm1 = nn.BatchNorm1d(dim)
        self.norm2 = nn.BatchNorm1d(dim)
        self.ffn = nn.Sequential(nn.Linear(dim, 2 * dim), nn.ReLU(), nn.Dropout(dropout), nn.Linear(2 * dim, dim))
        self.drop = nn.Dropout(attn_dropout)

    def forward(self, g, h, e):
        with g.local_scope():
            d = h.shape[-1] // self.heads
            g.ndata["q"] = self.q(h).view(-1, self.heads, d)
            g.ndata["k"] = self.k(h).view(-1, self.heads, d)
            g.ndata["v"] = self.v(h).view(-1, self.heads, d)
            g.apply_edges(dgl.function.u_dot_v("k", "q", "score"))
            score = g.edata["score"].squeeze(-1) / d ** 0.5 + self.e(e)
            g.edata["a"] = self.drop(dgl.nn.functional.edge_softmax(g, score)).unsqueeze(-1)
            g.update_all(dgl.function.u_mul_e("v", "a", "m"), dgl.function.sum("m", "h"))
            out = self.o(g.ndata["h"].reshape(-1, self.heads * d))
        h = self.norm1(h + out)
        return self.norm2(h + self.ffn(h))


class GraphTransformer(nn.Module):
    def __init__(self, cfg, num_atoms=28, num_bonds=4):
        super().__init__()
        dim = cfg["hidden_dim"]
        self.atom = nn.Embedding(num_atoms, dim - cfg["pe_dim"])
        self.bond = nn.Embedding(num_bonds, dim)
        self.pe = nn.Linear(cfg["pe_dim"], cfg["pe_dim"])
        self.layers = nn.ModuleList(
            [GTLayer(dim, cfg["num_heads"], cfg["dropout"], cfg["attn_dropout"]) for _ in range(cfg["num_layers"])]
        )
        self.readout = nn.Sequential(nn.Linear(dim, dim // 2), nn.ReLU(), nn.Linear(dim // 2, 1))

    def forward(self, g):
        pe = g.ndata["pe"]
        if self.training:
            sign = torch.randint(0, 2, (1, pe.shape[1]), device=pe.device) * 2 - 1
            pe = pe * sign
        h = torch.cat([self.atom(g.ndata["feat"]), self.pe(pe)], dim=-1)
        e = self.bond(g.edata["feat"])
        for layer in self.layers:
            h = layer(g, h, e)
        g.ndata["h"] = h
        return self.readout(dgl.mean_nodes(g, "h")).squeeze(-1)
