from datasets import load_from_disk
from transformers import AutoModelForTokenClassification, Trainer, TrainingArguments

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG"]


def model_init():
    return AutoModelForTokenClassification.from_pretrained("models/encoder-base", num_labels=len(LABELS))


def main():
    ds = load_from_disk("data/ner")
    args = TrainingArguments("runs/ner", seed=7, num_train_epochs=5)
    trainer = Trainer(model_init=model_init, args=args, train_dataset=ds["train"], eval_dataset=ds["validation"])
    trainer.train()
    trainer.save_model("runs/ner/best")


if __name__ == "__main__":
    main()
