import argparse

from huggingface_hub import hf_hub_download

parser = argparse.ArgumentParser()
parser.add_argument("--repo-id", required=True)
parser.add_argument("--split-file", default="test.jsonl")
args = parser.parse_args()

path = hf_hub_download(args.repo_id, args.split_file, repo_type="dataset")
print(path)
