import argparse

from datasets import load_from_disk
from transformers import AutoModelForSequenceClassification, AutoTokenizer, Trainer, TrainingArguments


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="models/encoder-base")
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args()
    ds = load_from_disk("data/sst2")
    tok = AutoTokenizer.from_pretrained(args.base)
    ds = ds.map(lambda b: tok(b["sentence"], truncation=True), batched=True)
    model = AutoModelForSequenceClassification.from_pretrained(args.base, num_labels=2)
    targs = TrainingArguments("runs/sst2", seed=args.seed, num_train_epochs=3, learning_rate=2e-5)
    trainer = Trainer(model=model, args=targs, train_dataset=ds["train"], eval_dataset=ds["validation"], tokenizer=tok)
    trainer.train()
    trainer.save_model("runs/sst2/best")


if __name__ == "__main__":
    main()
