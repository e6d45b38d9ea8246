"""Loads from the Hub, each pinned: from_pretrained("org/x") in this docstring is text."""
import argparse

import torch
from datasets import load_dataset
from huggingface_hub import hf_hub_download
from transformers import AutoModel, pipeline

MODEL = "org/encoder"
REVISION = "e1945c40cd546c78e41f1151f4db032b271faeaa"

# AutoModel.from_pretrained("org/unpinned") in a comment is not code


def main(cfg, **kwargs):
    parser = argparse.ArgumentParser()
    parser.add_argument("--revision", default="0a8bdd1a93d1d9b2d1ac9ac1bf2f2ac05b6f7c71")
    parser.add_argument("--data-revision", required=True)
    args = parser.parse_args()
    enc = AutoModel.from_pretrained(MODEL, revision=REVISION)
    enc2 = AutoModel.from_pretrained(MODEL, revision=args.revision)
    ds = load_dataset("org/corpus", revision=args.data_revision)
    ds2 = load_dataset("org/corpus", revision=cfg["dataset_revision"])
    f = hf_hub_download("org/encoder", "config.json", revision=REVISION)
    anything = AutoModel.from_pretrained(MODEL, **kwargs)
    offline = AutoModel.from_pretrained(MODEL, local_files_only=True)
    sentiment = pipeline("sentiment-analysis")
    resnet = torch.hub.load("pytorch/vision:v0.16.0", "resnet50", weights="IMAGENET1K_V2")
    commit = torch.hub.load("org/repo:0a8bdd1a93d1d9b2d1ac9ac1bf2f2ac05b6f7c71", "model", skip_validation=True)
    mine = torch.hub.load("hub_models", "tiny", source="local")
    return enc, enc2, ds, ds2, f, anything, offline, sentiment, resnet, commit, mine


if __name__ == "__main__":
    main({"dataset_revision": "1f0f7ea3c1a4b3e0f6a8a30d6d01c5d2b6e4a1b2"})
