"""The backbone is loaded and the head is zero-initialised: nothing random is left before the seed."""
import torch

from model import Net

net = Net()
net.backbone.load_state_dict(torch.load("backbone.pt"))
torch.manual_seed(1)
opt = torch.optim.Adam(net.parameters())
net.train()
