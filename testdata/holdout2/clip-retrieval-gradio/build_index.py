import argparse
import csv
import json
import os

import numpy as np
import torch
from PIL import Image
from transformers import CLIPModel, CLIPProcessor

MODEL_ID = "openai/clip-vit-base-patch32"


@torch.no_grad()
def main():
    p = argparse.ArgumentParser()
    p.add_argument("--photos", required=True, help="directory with photos.tsv000 and the downloaded images")
    p.add_argument("--n", type=int, default=2400)
    args = p.parse_args()

    rows = list(csv.DictReader(open(os.path.join(args.photos, "photos.tsv000")), delimiter="\t"))
    pick = np.random.choice(len(rows), args.n, replace=False)
    rows = [rows[i] for i in sorted(pick)]

    model = CLIPModel.from_pretrained(MODEL_ID).eval()
    processor = CLIPProcessor.from_pretrained(MODEL_ID)
    feats = []
    for start in range(0, len(rows), 64):
        batch = rows[start:start + 64]
        images = [Image.open(os.path.join(args.photos, "images", r["photo_id"] + ".jpg")).convert("RGB") for r in batch]
        f = model.get_image_features(**processor(images=images, return_tensors="pt"))
        feats.append(torch.nn.functional.normalize(f, dim=-1).half().numpy())
    os.makedirs("index", exist_ok=True)
    np.save("index/embeddings.npy", np.concatenate(feats))
    json.dump([{"id": r["photo_id"], "url": r["photo_image_url"] + "?w=400"} for r in rows],
              open("index/photos.json", "w"))


if __name__ == "__main__":
    main()
