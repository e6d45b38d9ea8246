from transformers import AutoModelForSequenceClassification, Trainer, TrainingArguments

# a fine-tuned checkpoint that holds its head: nothing is initialised
model = AutoModelForSequenceClassification.from_pretrained("local/finetuned")
print(Trainer(model=model, args=TrainingArguments("out")).evaluate())
