import torch
from torch_geometric.nn import GATConv, GCNConv, SAGEConv


class Net(torch.nn.Module):
    def __init__(self, kind, d_in, d_hidden, d_out):
        super().__init__()
        conv = {"gcn": GCNConv, "sage": SAGEConv}.get(kind)
        if kind == "gat":
            self.c1, self.c2 = GATConv(d_in, d_hidden // 8, heads=8), GATConv(d_hidden, d_out, heads=1)
        else:
            self.c1, self.c2 = conv(d_in, d_hidden), conv(d_hidden, d_out)

    def forward(self, x, edge_index):
        x = torch.nn.functional.dropout(x, p=0.6, training=self.training)
        x = torch.relu(self.c1(x, edge_index))
        x = torch.nn.functional.dropout(x, p=0.6, training=self.training)
        return self.c2(x, edge_index)
