import numpy as np


def dirichlet_partition(labels, n_clients, alpha):
    """Split sample indices across clients with Dirichlet(alpha) label proportions."""
    idx = [[] for _ in range(n_clients)]
    for c in np.unique(labels):
        ids = np.where(labels == c)[0]
        np.random.shuffle(ids)
        props = np.random.dirichlet([alpha] * n_clients)
        cuts = (np.cumsum(props) * len(ids)).astype(int)[:-1]
        for k, part in enumerate(np.split(ids, cuts)):
            idx[k].extend(part.tolist())
    return idx
