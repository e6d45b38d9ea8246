from datasets import load_dataset

from agnews.constants import DATASET, DATASET_REVISION


def load_agnews(tokenizer, max_length=128):
    raw = load_dataset(DATASET, revision=DATASET_REVISION)
    return raw.map(lambda b: tokenizer(b["text"], truncation=True, max_length=max_length), batched=True)
