"""The Fabric object is passed to the training function, or named by its annotation."""
import lightning as L
import torch


def setup(fabric):
    fabric.seed_everything(3)


def train(fabric: L.Fabric, steps: int):
    fabric.seed_everything(4)
    model = torch.nn.Linear(2, 2)
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(steps):
        fabric.backward(model(torch.randn(1, 2)).sum())
        opt.step()


def main():
    fabric = L.Fabric()
    setup(fabric)
    print(torch.rand(1))


if __name__ == "__main__":
    main()
    train(None, 3)
