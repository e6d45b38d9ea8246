from lightning.fabric import Fabric
import torch

fabric = Fabric(accelerator="cpu")


def main():
    fabric.seed_everything(7)
    model = torch.nn.Sequential(torch.nn.Linear(8, 8), torch.nn.Dropout(0.1))
    model, opt = fabric.setup(model, torch.optim.SGD(model.parameters(), lr=0.1))
    loss = model(torch.randn(4, 8)).sum()
    fabric.backward(loss)
    opt.step()


if __name__ == "__main__":
    main()
