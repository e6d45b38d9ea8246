import torch
from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
def health():
    return {"cuda": torch.cuda.is_available()}
