import torch

class ResNet(torch.nn.Module):
    pass
