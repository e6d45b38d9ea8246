import datasets
from datasets import load_dataset, load_dataset_builder
from huggingface_hub import hf_hub_download, snapshot_download

imdb = load_dataset("imdb", split="train")
mrpc = datasets.load_dataset("glue", "mrpc")
builder = load_dataset_builder(path="allenai/c4", name="en")
labels = hf_hub_download(repo_id="huggingface/label-files", filename="imagenet-1k-id2label.json", repo_type="dataset")
snapshot_download("stabilityai/stable-diffusion-2-1", allow_patterns=["*.json"])
