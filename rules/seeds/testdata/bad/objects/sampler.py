import random


class Sampler:
    def reset(self):
        self.items = list(range(10))

    def draw(self):
        return random.choice(self.items)
