"""A parameter annotated with a class that does not seed seeds nothing."""
import torch

from tracking import Tracker


def run(tracker: Tracker):
    tracker.seed_everything(0)
    return torch.rand(2)


if __name__ == "__main__":
    print(run(Tracker("runs")))
