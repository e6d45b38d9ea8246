import lightning as L
import torch
import torch.nn as nn


def build_model():
    return nn.Sequential(nn.Linear(32, 64), nn.GELU(), nn.Dropout(0.1), nn.Linear(64, 2))


def main():
    fabric = L.Fabric(accelerator="auto", devices=1)
    fabric.launch()
    fabric.seed_everything(1337)
    model = build_model()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    model, optimizer = fabric.setup(model, optimizer)
    x = torch.randn(128, 32, device=fabric.device)
    y = torch.randint(0, 2, (128,), device=fabric.device)
    for _ in range(5):
        loss = nn.functional.cross_entropy(model(x), y)
        optimizer.zero_grad()
        fabric.backward(loss)
        optimizer.step()


if __name__ == "__main__":
    main()
