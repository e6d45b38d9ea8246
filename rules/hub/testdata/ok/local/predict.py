import os

import timm
from datasets import load_dataset, load_from_disk
from efficientnet_pytorch import EfficientNet
from transformers import AutoModel, AutoTokenizer, Trainer, TrainingArguments

CKPT = "checkpoints/base"


def main(model_name="org/default-encoder"):
    a = AutoModel.from_pretrained("./ckpt")
    b = AutoModel.from_pretrained("/models/encoder")
    c = AutoModel.from_pretrained("outputs/run1/checkpoint-500")
    d = AutoModel.from_pretrained(CKPT)
    e = AutoModel.from_pretrained("my_models/base")
    f = AutoModel.from_pretrained("trained/final")
    g = AutoModel.from_pretrained("finetuned")
    h = AutoModel.from_pretrained(os.path.join("runs", "best"))
    i = AutoModel.from_pretrained(model_name)
    tok = AutoTokenizer.from_pretrained("lora-run-3")
    args = TrainingArguments(output_dir="lora-run-3")
    Trainer(model=a, args=args).save_model()
    csv = load_dataset("csv", data_files="data/train.csv")
    js = load_dataset("json", data_files={"train": "data/train.jsonl"})
    script = load_dataset("./my_dataset.py")
    disk = load_from_disk("data/tokenized")
    eff = EfficientNet.from_pretrained("efficientnet-b0")
    rn = timm.create_model("resnet50", pretrained=True)
    return a, b, c, d, e, f, g, h, i, tok, csv, js, script, disk, eff, rn


if __name__ == "__main__":
    main()
