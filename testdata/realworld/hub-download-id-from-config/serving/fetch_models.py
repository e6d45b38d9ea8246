"""Fetch the served weights into /srv/models before the server starts."""
import argparse
import os

import yaml
from huggingface_hub import hf_hub_download, snapshot_download

HERE = os.path.dirname(__file__)


def load_specs():
    with open(os.path.join(HERE, "models.yaml")) as f:
        return yaml.safe_load(f)


def fetch_all(root):
    for name, spec in load_specs().items():
        for pattern in spec["files"]:
            if "*" not in pattern:
                hf_hub_download(repo_id=spec["repo"], filename=pattern, local_dir=os.path.join(root, name))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--draft-model", required=True, help="Hub id of the speculative-decoding draft model")
    parser.add_argument("--root", default="/srv/models")
    args = parser.parse_args()
    fetch_all(args.root)
    snapshot_download(args.draft_model, local_dir=os.path.join(args.root, "draft"))


if __name__ == "__main__":
    main()
