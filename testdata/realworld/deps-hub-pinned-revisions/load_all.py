import torch
from datasets import load_dataset
from huggingface_hub import hf_hub_download
from transformers import AutoModel

REVISION = "e1945c40cd546c78e41f1151f4db032b271faeaa"


def main():
    model = AutoModel.from_pretrained("google-bert/bert-base-uncased", revision=REVISION)
    local = AutoModel.from_pretrained("./checkpoints/finetuned")
    ds = load_dataset("stanfordnlp/imdb", revision="e6281661ce1c48d982bc483cf8a173c1bbeb5d31")
    vae = hf_hub_download("stabilityai/sd-vae-ft-mse", "config.json", revision="31f26fdeee1355a5c34592e401dd41e45d25a493")
    resnet = torch.hub.load("pytorch/vision:v0.17.1", "resnet18", weights=None)
    csv = load_dataset("csv", data_files="data/train.csv")
    print(model, local, ds, vae, resnet, csv)


if __name__ == "__main__":
    main()
