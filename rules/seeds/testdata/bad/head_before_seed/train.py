from transformers import AutoModelForSequenceClassification, Trainer, TrainingArguments


def main():
    model = AutoModelForSequenceClassification.from_pretrained("local/base", num_labels=3)
    args = TrainingArguments("out", seed=7)
    trainer = Trainer(model=model, args=args)
    trainer.train()


if __name__ == "__main__":
    main()
