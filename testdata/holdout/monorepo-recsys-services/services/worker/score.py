import pandas as pd
import torch

ckpt = torch.load("/artifacts/two_tower.pt", map_location="cpu")
users = pd.read_parquet("/artifacts/active_users.parquet")
print(f"scoring {len(users)} users with {len(ckpt['items']['emb.weight'])} items")
