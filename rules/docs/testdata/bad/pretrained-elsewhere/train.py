import torch

torch.manual_seed(0)
opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
