import faiss
import numpy as np
from fastapi import FastAPI

app = FastAPI()
index = faiss.read_index("/artifacts/items.faiss")
user_vecs = np.load("/artifacts/users.npy")


@app.get("/recommend/{user_id}")
def recommend(user_id: int, k: int = 20):
    _, ids = index.search(user_vecs[user_id : user_id + 1], k)
    return {"items": ids[0].tolist()}
