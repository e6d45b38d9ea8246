import argparse

from datasets import load_dataset
from transformers import (
    AutoModelForSeq2SeqLM,
    AutoTokenizer,
    DataCollatorForSeq2Seq,
    Seq2SeqTrainer,
    Seq2SeqTrainingArguments,
    set_seed,
)


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--model_name_or_path", required=True)
    p.add_argument("--revision", default=None, help="Hub commit of the base model")
    p.add_argument("--train_file", required=True)
    p.add_argument("--validation_file", required=True)
    p.add_argument("--output_dir", default="outputs/t5-cnndm")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--epochs", type=float, default=3.0)
    return p.parse_args()


def main():
    args = parse_args()
    set_seed(args.seed)
    raw = load_dataset("json", data_files={"train": args.train_file, "validation": args.validation_file})
    tokenizer = AutoTokenizer.from_pretrained(args.model_name_or_path, revision=args.revision)
    model = AutoModelForSeq2SeqLM.from_pretrained(args.model_name_or_path, revision=args.revision)

    def preprocess(batch):
        enc = tokenizer(["summarize: " + a for a in batch["article"]], max_length=512, truncation=True)
        enc["labels"] = tokenizer(text_target=batch["highlights"], max_length=128, truncation=True)["input_ids"]
        return enc

    data = raw.map(preprocess, batched=True, remove_columns=raw["train"].column_names)
    trainer = Seq2SeqTrainer(
        model=model,
        args=Seq2SeqTrainingArguments(
            output_dir=args.output_dir,
            seed=args.seed,
            num_train_epochs=args.epochs,
            per_device_train_batch_size=16,
            learning_rate=3e-4,
            eval_strategy="epoch",
            save_strategy="epoch",
            predict_with_generate=False,
            report_to="none",
        ),
        train_dataset=data["train"],
        eval_dataset=data["validation"],
        data_collator=DataCollatorForSeq2Seq(tokenizer, model=model),
        tokenizer=tokenizer,
    )
    trainer.train()
    trainer.save_model(args.output_dir)


if __name__ == "__main__":
    main()
