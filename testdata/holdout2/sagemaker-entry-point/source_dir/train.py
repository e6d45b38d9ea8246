import argparse
import logging
import os

import evaluate
import numpy as np
from datasets import load_from_disk
from transformers import (AutoModelForSequenceClassification, AutoTokenizer, DataCollatorWithPadding,
                          Trainer, TrainingArguments)

logging.basicConfig(level=logging.INFO)


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--train_batch_size", type=int, default=32)
    p.add_argument("--learning_rate", type=float, default=3e-5)
    p.add_argument("--model_name", type=str, default="distilbert-base-uncased")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--model_dir", type=str, default=os.environ.get("SM_MODEL_DIR", "model"))
    p.add_argument("--train_dir", type=str, default=os.environ.get("SM_CHANNEL_TRAIN"))
    p.add_argument("--test_dir", type=str, default=os.environ.get("SM_CHANNEL_TEST"))
    return p.parse_args()


def main():
    args = parse_args()
    train_ds = load_from_disk(args.train_dir)
    test_ds = load_from_disk(args.test_dir)
    tokenizer = AutoTokenizer.from_pretrained(args.model_name)
    tok = lambda b: tokenizer(b["text"], truncation=True, max_length=256)
    train_ds = train_ds.map(tok, batched=True)
    test_ds = test_ds.map(tok, batched=True)

    model = AutoModelForSequenceClassification.from_pretrained(args.model_name, num_labels=5)
    f1 = evaluate.load("f1")

    def metrics(p):
        return f1.compute(predictions=np.argmax(p.predictions, -1), references=p.label_ids, average="macro")

    training_args = TrainingArguments(
        output_dir="/opt/ml/checkpoints",
        num_train_epochs=args.epochs,
        per_device_train_batch_size=args.train_batch_size,
        per_device_eval_batch_size=64,
        learning_rate=args.learning_rate,
        warmup_ratio=0.06,
        evaluation_strategy="epoch",
        save_strategy="epoch",
        load_best_model_at_end=True,
        metric_for_best_model="f1",
        seed=args.seed,
        fp16=True,
        logging_dir=f"{os.environ.get('SM_OUTPUT_DATA_DIR', 'output')}/logs",
    )
    trainer = Trainer(model=model, args=training_args, train_dataset=train_ds, eval_dataset=test_ds,
                      data_collator=DataCollatorWithPadding(tokenizer), compute_metrics=metrics)
    trainer.train()
    print(trainer.evaluate())
    trainer.save_model(args.model_dir)
    tokenizer.save_pretrained(args.model_dir)


if __name__ == "__main__":
    main()
