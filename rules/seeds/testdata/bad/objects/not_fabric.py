"""seed_everything on an object that is not Lightning's does not count."""
import torch

from tracking import Tracker


def main():
    tracker = Tracker("runs")
    tracker.seed_everything(1234)
    x = torch.randn(3)
    tracker.log(x)


if __name__ == "__main__":
    main()
