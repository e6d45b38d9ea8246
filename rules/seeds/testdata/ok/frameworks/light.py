import lightning as L
import torch


def main():
    L.seed_everything(42, workers=True)
    print(torch.randn(2))


if __name__ == "__main__":
    main()
