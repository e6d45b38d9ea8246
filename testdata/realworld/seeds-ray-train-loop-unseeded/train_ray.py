"""Distributed fine-tuning of a small text classifier with Ray Train."""
import ray.train
import torch
import torch.nn as nn
from ray.train import ScalingConfig
from ray.train.torch import TorchTrainer, prepare_data_loader, prepare_model
from torch.utils.data import DataLoader
from transformers import set_seed

from textdata import load_split


class BagOfWords(nn.Module):
    def __init__(self, vocab, dim, classes):
        super().__init__()
        self.emb = nn.EmbeddingBag(vocab, dim)
        self.drop = nn.Dropout(0.3)
        self.out = nn.Linear(dim, classes)

    def forward(self, tokens, offsets):
        return self.out(self.drop(self.emb(tokens, offsets)))


def train_loop(config):
    model = prepare_model(BagOfWords(config["vocab"], 128, 4))
    loader = prepare_data_loader(DataLoader(load_split("train"), batch_size=64, shuffle=True,
                                            collate_fn=config["collate"]))
    opt = torch.optim.AdamW(model.parameters(), lr=config["lr"])
    for epoch in range(config["epochs"]):
        for tokens, offsets, labels in loader:
            opt.zero_grad()
            nn.functional.cross_entropy(model(tokens, offsets), labels).backward()
            opt.step()
        ray.train.report({"epoch": epoch})


if __name__ == "__main__":
    set_seed(42)
    trainer = TorchTrainer(
        train_loop,
        train_loop_config={"vocab": 30_000, "lr": 3e-4, "epochs": 5, "collate": None},
        scaling_config=ScalingConfig(num_workers=4, use_gpu=True),
    )
    trainer.fit()
