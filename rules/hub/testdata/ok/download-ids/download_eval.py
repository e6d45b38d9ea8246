import argparse

from huggingface_hub import hf_hub_download

parser = argparse.ArgumentParser()
parser.add_argument("--repo-id", required=True)
parser.add_argument("--revision")
args = parser.parse_args()

path = hf_hub_download(args.repo_id, "test.jsonl", repo_type="dataset", revision=args.revision)
print(path)
