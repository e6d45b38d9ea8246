import pandas as pd
import torch

torch.manual_seed(0)
df = pd.read_parquet("artifacts/interactions_28d.parquet")
opt = torch.optim.Adam([torch.zeros(1, requires_grad=True)])
