import random


class RandAugmentPolicy:
    """Picks augmentation ops; reset(seed) must be called before sampling."""

    OPS = ["rotate", "shear_x", "shear_y", "color", "contrast", "posterize"]

    def __init__(self, n_ops=2):
        self.n_ops = n_ops
        self.rng = random.Random()

    def reset(self, seed):
        self.rng.seed(seed)

    def sample(self):
        return self.rng.sample(self.OPS, self.n_ops)
