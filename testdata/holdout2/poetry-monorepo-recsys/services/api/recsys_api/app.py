import json

import faiss
import numpy as np
import torch
from fastapi import FastAPI

from recsys_core.model import TwoTower

app = FastAPI(title="recsys-api")
meta = json.load(open("/app/artifacts/meta.json"))
vocab = json.load(open("/app/item_vocab.json"))
model = TwoTower(meta["n_users"], meta["n_items"], meta["user_feats"], meta["item_feats"])
model.load_state_dict(torch.load("/app/artifacts/two_tower.pt", map_location="cpu"))
model.eval()
item_emb = np.load("/app/artifacts/item_embeddings.npy").astype("float32")
index = faiss.IndexFlatIP(item_emb.shape[1])
index.add(item_emb)


@app.get("/candidates/{user_idx}")
def candidates(user_idx: int, k: int = 100):
    feats = torch.tensor([meta["user_features"][str(user_idx)]], dtype=torch.float32)
    with torch.no_grad():
        u = model.user(torch.tensor([user_idx]), feats).numpy()
    _, ids = index.search(u, k)
    return {"items": [vocab[str(i)] for i in ids[0]]}
