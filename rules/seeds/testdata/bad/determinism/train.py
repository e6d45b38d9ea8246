"""Training on CUDA with benchmarking turned on in the setup helper."""
import torch

from setup_env import setup


def main():
    setup(seed=0)
    model = torch.nn.Conv2d(3, 8, 3).to("cuda")
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    for _ in range(10):
        loss = model(torch.ones(2, 3, 32, 32, device="cuda")).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()


if __name__ == "__main__":
    main()
