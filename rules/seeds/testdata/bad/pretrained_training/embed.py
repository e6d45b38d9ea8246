"""A tokenizer is loaded, not weights: the embedding is random and its output is printed."""
import torch
from torch import nn
from transformers import AutoTokenizer

tok = AutoTokenizer.from_pretrained("checkpoints/tokenizer")
emb = nn.Embedding(tok.vocab_size, 16)
print(emb(torch.tensor(tok("hello")["input_ids"])))
