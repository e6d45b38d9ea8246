"""Training after a partial load (strict=False): the layers not in the file keep their random init."""
import torch

from model import Net

model = Net()
model.load_state_dict(torch.load("backbone.pt"), strict=False)
torch.manual_seed(0)
opt = torch.optim.Adam(model.parameters())
model.train()
