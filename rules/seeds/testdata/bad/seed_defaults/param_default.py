"""run() is called without a seed; its parameter defaults to None."""
import random


def run(n, seed=None):
    random.seed(seed)
    return [random.random() for _ in range(n)]


if __name__ == "__main__":
    print(run(3))
