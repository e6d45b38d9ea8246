import numpy as np


def shard(labels, n, alpha):
    out = [[] for _ in range(n)]
    for c in np.unique(labels):
        ids = np.where(labels == c)[0]
        np.random.shuffle(ids)
        props = np.random.dirichlet([alpha] * n)
        for k, part in enumerate(np.split(ids, (np.cumsum(props) * len(ids)).astype(int)[:-1])):
            out[k].extend(part.tolist())
    return out
