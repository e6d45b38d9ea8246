import argparse
import random

import numpy as np
import torch
from sklearn.model_selection import train_test_split
from torch.utils.data import DataLoader


class Trainer:
    def __init__(self, cfg):
        self.cfg = cfg
        self.seed_all()

    def seed_all(self):
        random.seed(self.cfg.seed)
        np.random.seed(self.cfg.seed)
        torch.manual_seed(self.cfg.seed)
        torch.backends.cudnn.deterministic = True
        torch.backends.cudnn.benchmark = False

    def run(self, X, y, ds):
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=self.cfg.seed)
        g = torch.Generator()
        g.manual_seed(self.cfg.seed)
        loader = DataLoader(ds, shuffle=True, num_workers=2, generator=g, worker_init_fn=seed_worker)
        model = torch.nn.Linear(3, 1).cuda()
        return loader, model, random.random(), np.random.rand(2)


def seed_worker(worker_id):
    worker_seed = torch.initial_seed() % 2**32
    np.random.seed(worker_seed)
    random.seed(worker_seed)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    Trainer(args).run([], [], [])


if __name__ == "__main__":
    main()
