"""The new head is initialised before the Trainer seeds torch, and it is trained."""
import torch
from transformers import AutoModel, Trainer, TrainingArguments


class WithHead(torch.nn.Module):
    def __init__(self, encoder):
        super().__init__()
        self.encoder = encoder
        self.head = torch.nn.Linear(768, 2)


def main():
    model = WithHead(AutoModel.from_pretrained("checkpoints/encoder"))
    trainer = Trainer(model=model, args=TrainingArguments(output_dir="out"))
    trainer.train()


if __name__ == "__main__":
    main()
