from datasets import load_from_disk
from transformers import AutoModelForTokenClassification, Trainer, TrainingArguments, set_seed


def main():
    set_seed(0)
    ds = load_from_disk("data/tickets_ner")
    model = AutoModelForTokenClassification.from_pretrained("local-base", num_labels=9)
    Trainer(model=model, args=TrainingArguments("out", seed=0), train_dataset=ds["train"]).train()


if __name__ == "__main__":
    main()
