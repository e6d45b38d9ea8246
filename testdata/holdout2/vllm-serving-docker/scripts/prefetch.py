"""Download the served weights into /models/served before vLLM starts."""
import json
import os

from huggingface_hub import snapshot_download

CONFIG = os.path.join(os.path.dirname(__file__), "..", "configs", "served_models.json")


def main():
    served = json.load(open(CONFIG))["mistral-7b-instruct"]
    snapshot_download(
        repo_id=served["hub_id"],
        local_dir="/models/served",
        allow_patterns=["*.json", "*.safetensors", "tokenizer.model"],
        token=os.environ.get("HF_TOKEN"),
    )


if __name__ == "__main__":
    main()
