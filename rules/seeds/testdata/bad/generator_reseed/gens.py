import os
import random

import numpy as np
import torch


def shuffled(items, seed):
    rng = random.Random()
    rng.shuffle(items)  # drawn before the reseed below
    rng.seed(seed)
    return items


class Augment:
    def __init__(self):
        self.rng = np.random.default_rng()
        self.flip = self.rng.random() < 0.5  # drawn in __init__, before any reseed

    def reset(self, seed):
        self.rng = np.random.default_rng(seed)


class Noise:
    def __init__(self):
        self.gen = random.Random()

    def sample(self):
        return self.gen.gauss(0, 1)  # nothing ever reseeds self.gen


def make_generator():
    g = torch.Generator()
    g.manual_seed(int.from_bytes(os.urandom(4), "little"))
    return g
