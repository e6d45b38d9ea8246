class Tracker:
    def __init__(self, root):
        self.root = root

    def seed_everything(self, seed):
        self.seed = seed  # records it, seeds nothing

    def log(self, value):
        print(self.root, self.seed, value)
