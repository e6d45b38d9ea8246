import json
import os

import faiss
import gradio as gr
import numpy as np
import requests
import torch
from dotenv import load_dotenv
from transformers import CLIPModel, CLIPProcessor

load_dotenv()
MODEL_ID = "openai/clip-vit-base-patch32"

model = CLIPModel.from_pretrained(MODEL_ID).eval()
processor = CLIPProcessor.from_pretrained(MODEL_ID)
emb = np.load("index/embeddings.npy").astype("float32")
meta = json.load(open("index/photos.json"))
index = faiss.IndexFlatIP(emb.shape[1])
index.add(emb)


def credit(photo_id):
    key = os.environ.get("UNSPLASH_ACCESS_KEY")
    if not key:
        return ""
    r = requests.get(f"https://api.unsplash.com/photos/{photo_id}", params={"client_id": key}, timeout=5)
    return r.json().get("user", {}).get("name", "") if r.ok else ""


@torch.no_grad()
def search(query, k=8):
    inputs = processor(text=[query], return_tensors="pt", padding=True)
    q = model.get_text_features(**inputs)
    q = torch.nn.functional.normalize(q, dim=-1).numpy().astype("float32")
    scores, ids = index.search(q, int(k))
    return [(meta[i]["url"], f"{scores[0][j]:.3f} · {credit(meta[i]['id'])}") for j, i in enumerate(ids[0])]


demo = gr.Interface(
    fn=search,
    inputs=[gr.Textbox(label="Describe a photo"), gr.Slider(4, 24, value=8, step=4, label="results")],
    outputs=gr.Gallery(label="matches", columns=4),
    examples=[["a foggy forest at dawn"], ["two dogs playing on a beach"]],
)

if __name__ == "__main__":
    demo.launch()
