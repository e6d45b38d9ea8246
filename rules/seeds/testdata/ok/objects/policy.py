import random


class Policy:
    def __init__(self):
        self.rng = random.Random()

    def reset(self, seed):
        self.rng.seed(seed)

    def pick(self, ops):
        return self.rng.choice(ops)


def main(seed=0):
    p = Policy()
    p.reset(seed)
    print(p.pick(["a", "b"]))


if __name__ == "__main__":
    main()
