import torch

from traffic.model import TrafficA3TGCN


def test_output_shape():
    torch.manual_seed(0)
    model = TrafficA3TGCN(node_features=2, periods=12, hidden=8)
    x = torch.randn(5, 2, 12)
    edge_index = torch.tensor([[0, 1, 2, 3], [1, 2, 3, 4]])
    out = model(x, edge_index, torch.ones(4))
    assert out.shape == (5, 12)
