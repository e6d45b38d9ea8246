import torch
from detectron2.utils.env import seed_all_rng

from modeling import build_model


def main():
    seed_all_rng(None)
    model = build_model()
    x = torch.rand(2, 3, 64, 64)
    print(model(x).shape)


if __name__ == "__main__":
    main()
