import sys

import torch
from torch import nn
from transformers import AutoModel, AutoTokenizer

MODEL_DIR = "checkpoints/encoder"


class Classifier(nn.Module):
    def __init__(self, encoder, n_labels):
        super().__init__()
        self.encoder = encoder
        self.head = nn.Linear(encoder.config.hidden_size, n_labels)

    def forward(self, **batch):
        return self.head(self.encoder(**batch).last_hidden_state[:, 0])


def main(texts):
    tokenizer = AutoTokenizer.from_pretrained(MODEL_DIR)
    encoder = AutoModel.from_pretrained(MODEL_DIR)
    model = Classifier(encoder, n_labels=4)
    model.head.load_state_dict(torch.load("checkpoints/head.pt", map_location="cpu"))
    model.eval()
    with torch.inference_mode():
        logits = model(**tokenizer(texts, return_tensors="pt", padding=True))
    for text, label in zip(texts, logits.argmax(-1).tolist()):
        print(label, text)


if __name__ == "__main__":
    main(sys.argv[1:])
