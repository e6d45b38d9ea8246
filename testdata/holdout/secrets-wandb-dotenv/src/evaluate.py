import argparse

from transformers import pipeline

ap = argparse.ArgumentParser()
ap.add_argument("--ckpt", default="outputs/best")
args = ap.parse_args()
ner = pipeline("token-classification", model=args.ckpt, aggregation_strategy="simple")
print(ner("Angela Merkel met Emmanuel Macron in Paris."))
