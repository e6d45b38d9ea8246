import torch

from blocks import Block


def main():
    torch.manual_seed(0)
    model = Block(16)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    model(torch.randn(4, 16)).sum().backward()
    opt.step()


if __name__ == "__main__":
    main()
