"""Fetch the served weights into /srv/models before the server starts."""
import argparse
import os

import yaml
from huggingface_hub import hf_hub_download, snapshot_download
from transformers import AutoModelForCausalLM

HERE = os.path.dirname(__file__)


def load_specs():
    with open(os.path.join(HERE, "models.yaml")) as f:
        return yaml.safe_load(f)


def fetch_all(root):
    for name, spec in load_specs().items():
        for filename in spec["files"]:
            hf_hub_download(repo_id=spec["repo"], filename=filename, revision=spec["revision"],
                            local_dir=os.path.join(root, name))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--draft-model", required=True)
    parser.add_argument("--draft-revision", required=True, help="commit id of the draft model")
    parser.add_argument("--finetuned-dir", required=True)
    parser.add_argument("--root", default="/srv/models")
    args = parser.parse_args()
    fetch_all(args.root)
    snapshot_download(args.draft_model, revision=args.draft_revision, local_dir=os.path.join(args.root, "draft"))
    model = AutoModelForCausalLM.from_pretrained(args.finetuned_dir)
    model.save_pretrained(os.path.join(args.root, "finetuned"))


if __name__ == "__main__":
    main()
