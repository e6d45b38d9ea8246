import json

from huggingface_hub import snapshot_download

with open("configs/weights.json") as f:
    WEIGHTS = json.load(f)


def fetch(name):
    entry = WEIGHTS[name]
    return snapshot_download(repo_id=entry["repo"], allow_patterns=entry["files"])


def fetch_repo(repo_id, filename):
    from huggingface_hub import hf_hub_download

    return hf_hub_download(repo_id, filename, revision=None)


def fetch_tagged(repo_id):
    return snapshot_download(repo_id, revision="v2")
