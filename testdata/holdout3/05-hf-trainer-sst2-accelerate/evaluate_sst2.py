"""Accuracy of a fine-tuned checkpoint on the SST-2 validation split."""
import argparse

import torch
from datasets import load_dataset
from sklearn.metrics import accuracy_score
from transformers import AutoModelForSequenceClassification, AutoTokenizer

GLUE_REVISION = "bcdcba79d07bc864c1c254ccfcedcce55bcc9a8c"


@torch.no_grad()
def main():
    p = argparse.ArgumentParser()
    p.add_argument("--checkpoint", default="outputs/sst2")
    args = p.parse_args()
    tokenizer = AutoTokenizer.from_pretrained(args.checkpoint)
    model = AutoModelForSequenceClassification.from_pretrained(args.checkpoint).eval()
    data = load_dataset("glue", "sst2", split="validation", revision=GLUE_REVISION)
    preds = []
    for start in range(0, len(data), 64):
        batch = data[start:start + 64]
        enc = tokenizer(batch["sentence"], truncation=True, max_length=128, padding=True, return_tensors="pt")
        preds.extend(model(**enc).logits.argmax(-1).tolist())
    print(f"accuracy: {accuracy_score(data['label'], preds):.4f}")


if __name__ == "__main__":
    main()
