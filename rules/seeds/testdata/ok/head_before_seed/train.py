from transformers import AutoModelForSequenceClassification, Trainer, TrainingArguments, set_seed


def model_init():
    return AutoModelForSequenceClassification.from_pretrained("local/base", num_labels=3)


def main():
    # the Trainer calls model_init after it seeds
    args = TrainingArguments("out", seed=7)
    Trainer(model_init=model_init, args=args).train()
    # seeded first, then the head is built
    set_seed(7)
    model = AutoModelForSequenceClassification.from_pretrained("local/base", num_labels=3)
    Trainer(model=model, args=args).train()


if __name__ == "__main__":
    main()
