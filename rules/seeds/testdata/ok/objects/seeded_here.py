import numpy as np


class Sim:
    def __init__(self, seed):
        self.seed(seed)

    def seed(self, seed):
        np.random.seed(seed)

    def step(self):
        return np.random.rand()


sim = Sim(3)
print(sim.step())
