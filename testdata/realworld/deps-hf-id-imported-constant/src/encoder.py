import torch
from transformers import AutoModel, AutoTokenizer

from settings import ENCODER, MAX_LEN, TOKENIZER_REVISION


def embed(texts):
    model = AutoModel.from_pretrained(ENCODER).eval()
    tok = AutoTokenizer.from_pretrained(ENCODER, revision=TOKENIZER_REVISION)
    with torch.no_grad():
        batch = tok(texts, truncation=True, max_length=MAX_LEN, padding=True, return_tensors="pt")
        return model(**batch).last_hidden_state[:, 0]
