import argparse

import numpy as np
import torch
from datasets import load_dataset
from transformers import (AutoImageProcessor, AutoModelForImageClassification, Trainer, TrainingArguments,
                          set_seed)

BASE = "google/vit-base-patch16-224-in21k"
BASE_REV = "7cbdb7ee3a6bcdf99dae654893f66519c480a0f8"
DATA_REV = "e06acf2a88084f04bce4d4a525165d68e0a36c38"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--output_dir", default=".")
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    set_seed(args.seed)
    ds = load_dataset("ethz/food101", revision=DATA_REV)
    proc = AutoImageProcessor.from_pretrained(BASE, revision=BASE_REV)
    labels = ds["train"].features["label"].names

    def transform(batch):
        batch["pixel_values"] = proc([im.convert("RGB") for im in batch["image"]], return_tensors="pt")["pixel_values"]
        del batch["image"]
        return batch

    ds = ds.with_transform(transform)
    model = AutoModelForImageClassification.from_pretrained(
        BASE, revision=BASE_REV, num_labels=len(labels),
        id2label=dict(enumerate(labels)), label2id={l: i for i, l in enumerate(labels)})

    def collate(rows):
        return {"pixel_values": torch.stack([r["pixel_values"] for r in rows]),
                "labels": torch.tensor([r["label"] for r in rows])}

    targs = TrainingArguments(args.output_dir, per_device_train_batch_size=32, learning_rate=2e-5, num_train_epochs=5,
                              remove_unused_columns=False, seed=args.seed, report_to="none")
    trainer = Trainer(model=model, args=targs, train_dataset=ds["train"], eval_dataset=ds["validation"],
                      data_collator=collate,
                      compute_metrics=lambda p: {"accuracy": float(np.mean(p.predictions.argmax(-1) == p.label_ids))})
    trainer.train()
    print(trainer.evaluate())
    trainer.save_model(args.output_dir)


if __name__ == "__main__":
    main()
