"""transformers' Trainer seeds random, numpy and torch (set_seed(args.seed)) when it is built."""
import torch
from transformers import AutoModel, Trainer, TrainingArguments


def main():
    encoder = AutoModel.from_pretrained("checkpoints/encoder")
    args = TrainingArguments(output_dir="out", seed=13)
    trainer = Trainer(model=encoder, args=args)
    head = torch.nn.Linear(768, 2)
    trainer.train()
    return head


if __name__ == "__main__":
    main()
