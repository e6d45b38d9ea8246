import hashlib
import json
import os

import numpy as np
import onnxruntime as ort
import redis
from dotenv import load_dotenv
from fastapi import FastAPI, Header, HTTPException
from pydantic import BaseModel
from tokenizers import Tokenizer

load_dotenv()
API_KEY = os.environ["API_KEY"]
cache = redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost:6379/0"))
session = ort.InferenceSession("models/sentiment-distil.onnx", providers=["CPUExecutionProvider"])
tokenizer = Tokenizer.from_file("models/tokenizer.json")
LABELS = ["negative", "positive"]
app = FastAPI()


class Req(BaseModel):
    text: str


@app.post("/predict")
def predict(req: Req, x_api_key: str = Header(...)):
    if x_api_key != API_KEY:
        raise HTTPException(status_code=401)
    key = hashlib.sha256(req.text.encode()).hexdigest()
    if (hit := cache.get(key)) is not None:
        return json.loads(hit)
    enc = tokenizer.encode(req.text)
    ids = np.array([enc.ids[:256]], dtype=np.int64)
    logits = session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0][0]
    probs = np.exp(logits) / np.exp(logits).sum()
    out = {"label": LABELS[int(probs.argmax())], "score": float(probs.max())}
    cache.set(key, json.dumps(out), ex=3600)
    return out
