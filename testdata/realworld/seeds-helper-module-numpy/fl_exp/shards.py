import numpy as np


def label_shards(labels, n_clients, shards_per_client=2):
    """McMahan et al.'s pathological split: sort by label, deal out shards."""
    order = np.argsort(labels, kind="stable")
    n_shards = n_clients * shards_per_client
    shards = np.array_split(order, n_shards)
    picks = np.random.choice(n_shards, size=(n_clients, shards_per_client), replace=False)
    return [np.concatenate([shards[s] for s in row]) for row in picks]
