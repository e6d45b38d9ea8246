"""Fine-tuning a pretrained encoder: the new head starts from random weights and is trained."""
import torch
from torch import nn
from transformers import AutoModel

encoder = AutoModel.from_pretrained("checkpoints/encoder")
head = nn.Linear(768, 2)
opt = torch.optim.AdamW(list(encoder.parameters()) + list(head.parameters()), lr=2e-5)
for batch in torch.load("data/batches.pt"):
    loss = nn.functional.cross_entropy(head(encoder(**batch).pooler_output), batch["labels"])
    loss.backward()
    opt.step()
