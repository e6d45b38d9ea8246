"""Resume training: the initial weights are overwritten, then torch is seeded before training draws."""
import torch

from ckpt import load_checkpoint
from model import build_model


def main():
    model = build_model()
    load_checkpoint(model, "last.pt")
    torch.manual_seed(0)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for x in torch.load("data.pt"):
        model(x).sum().backward()
        opt.step()


if __name__ == "__main__":
    main()
