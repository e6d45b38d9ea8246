from datasets import load_from_disk
from transformers import AutoModelForTokenClassification, Trainer, TrainingArguments

model = AutoModelForTokenClassification.from_pretrained("runs/ner/best")
print(Trainer(model=model, args=TrainingArguments("runs/eval")).evaluate(load_from_disk("data/ner")["test"]))
