"""Fills a replay buffer from logged transitions and writes training batches."""
import argparse

import numpy as np
import pandas as pd


class ReplayBuffer:
    def __init__(self, capacity, seed):
        self.rng = np.random.default_rng(seed)
        self.rows = []
        self.capacity = capacity

    def add(self, row):
        self.rows.append(row)
        self.rows = self.rows[-self.capacity:]

    def sample(self, n):
        idx = self.rng.integers(0, len(self.rows), size=n)
        return [self.rows[i] for i in idx]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    log = pd.read_parquet("data/transitions.parquet")
    buffer = ReplayBuffer(50_000, seed=args.seed)
    for row in log.itertuples(index=False):
        buffer.add(row)
    batches = [buffer.sample(256) for _ in range(100)]
    holdout = log.sample(frac=0.05, random_state=args.seed)
    np.save("data/batches.npy", np.array(batches, dtype=object), allow_pickle=True)
    holdout.to_parquet("data/holdout.parquet")


if __name__ == "__main__":
    main()
