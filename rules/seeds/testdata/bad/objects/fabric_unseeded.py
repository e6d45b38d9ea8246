"""A Fabric program that never seeds: the object seeds nothing by being built."""
import lightning as L
import torch


def main():
    fabric = L.Fabric(accelerator="cpu")
    fabric.launch()
    model = torch.nn.Linear(8, 2)
    model = fabric.setup(model)
    print(model(torch.randn(4, 8)))


if __name__ == "__main__":
    main()
