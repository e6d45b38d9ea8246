import pytorch_lightning as pl
import torch

pl.seed_everything(3)
print(torch.randn(1))
