import json

from huggingface_hub import hf_hub_download, snapshot_download
from transformers import AutoModel

with open("configs/weights.json") as f:
    WEIGHTS = json.load(f)


def fetch(name):
    entry = WEIGHTS[name]
    return snapshot_download(repo_id=entry["repo"], revision=entry["revision"])


def fetch_cached(repo_id, filename):
    return hf_hub_download(repo_id, filename, local_files_only=True)


def fetch_with(repo_id, **kwargs):
    return snapshot_download(repo_id, **kwargs)


def load_local(model_dir):
    return AutoModel.from_pretrained(model_dir)
