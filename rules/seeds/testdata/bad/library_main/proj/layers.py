"""A smoke test that saves its output is not display-only either."""
import torch
from torch import nn

if __name__ == "__main__":
    layer = nn.Linear(4, 4)
    torch.save(layer(torch.randn(2, 4)), "smoke.pt")
