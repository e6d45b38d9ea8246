import torch

torch.manual_seed(0)
opt = torch.optim.Adam([torch.zeros(1, requires_grad=True)])
