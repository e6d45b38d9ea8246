"""Inference with loaded weights still draws its noise from torch's global RNG."""
import torch

from model import Net


@torch.no_grad()
def main():
    model = Net()
    model.load_state_dict(torch.load("net.pt"))
    model.eval()
    z = torch.randn(16, 16)
    torch.save(model(z), "samples.pt")


if __name__ == "__main__":
    main()
