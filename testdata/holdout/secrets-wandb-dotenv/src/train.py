import argparse

import numpy as np
import wandb
from datasets import load_dataset
from dotenv import load_dotenv
from seqeval.metrics import f1_score
from transformers import (AutoModelForTokenClassification, AutoTokenizer, DataCollatorForTokenClassification,
                          Trainer, TrainingArguments)

load_dotenv()
MODEL = "bert-base-cased"
REV = "cd5ef92a9fb2f889e972770a36d4ed042daf221e"
DATA_REV = "1a0bb3ee3ad7ec6dc4f43b0e04b7e3e5c4a3e0c5"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    ds = load_dataset("eriktks/conll2003", revision=DATA_REV)
    labels = ds["train"].features["ner_tags"].feature.names
    tok = AutoTokenizer.from_pretrained(MODEL, revision=REV)

    def encode(batch):
        enc = tok(batch["tokens"], is_split_into_words=True, truncation=True)
        enc["labels"] = [[-100 if w is None else tags[w] for w in enc.word_ids(i)]
                         for i, tags in enumerate(batch["ner_tags"])]
        return enc

    ds = ds.map(encode, batched=True, remove_columns=ds["train"].column_names)

    def metrics(p):
        pred = p.predictions.argmax(-1)
        y_true = [[labels[l] for l in row if l != -100] for row in p.label_ids]
        y_pred = [[labels[q] for q, l in zip(pr, row) if l != -100] for pr, row in zip(pred, p.label_ids)]
        return {"f1": f1_score(y_true, y_pred)}

    wandb.init()
    model = AutoModelForTokenClassification.from_pretrained(MODEL, revision=REV, num_labels=len(labels))
    targs = TrainingArguments("outputs", num_train_epochs=args.epochs, learning_rate=3e-5, seed=args.seed,
                              evaluation_strategy="epoch", save_strategy="epoch", load_best_model_at_end=True,
                              metric_for_best_model="f1", report_to="wandb")
    trainer = Trainer(model=model, args=targs, train_dataset=ds["train"], eval_dataset=ds["validation"],
                      data_collator=DataCollatorForTokenClassification(tok), compute_metrics=metrics)
    trainer.train()
    trainer.save_model("outputs/best")
    print(np.round(trainer.evaluate(ds["test"])["eval_f1"], 4))


if __name__ == "__main__":
    main()
