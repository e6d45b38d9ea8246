"""A package module whose __main__ block evaluates on real data with a random split: not a demo."""
import numpy as np


def accuracy(pred, y):
    return (pred == y).mean()


if __name__ == "__main__":
    data = np.loadtxt("data/scores.csv", delimiter=",")
    idx = np.random.permutation(len(data))
    test = data[idx[:100]]
    print("accuracy:", accuracy(test[:, 0] > 0.5, test[:, 1]))
