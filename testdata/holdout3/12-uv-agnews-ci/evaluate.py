import argparse

import torch
from sklearn.metrics import accuracy_score, classification_report
from transformers import AutoModelForSequenceClassification, AutoTokenizer

from agnews.constants import LABELS
from agnews.data import load_agnews


@torch.no_grad()
def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--checkpoint", default="outputs/distilbert-agnews")
    args = parser.parse_args()
    tokenizer = AutoTokenizer.from_pretrained(args.checkpoint)
    model = AutoModelForSequenceClassification.from_pretrained(args.checkpoint).eval()
    test = load_agnews(tokenizer)["test"]
    preds = []
    for i in range(0, len(test), 128):
        batch = tokenizer.pad({"input_ids": test[i:i + 128]["input_ids"]}, return_tensors="pt")
        preds += model(**batch).logits.argmax(-1).tolist()
    print("accuracy", accuracy_score(test["label"], preds))
    print(classification_report(test["label"], preds, target_names=LABELS))


if __name__ == "__main__":
    main()
