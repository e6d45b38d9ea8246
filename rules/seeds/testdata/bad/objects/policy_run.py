"""The method reached through the object draws from the global RNG."""
from sampler import Sampler


def main():
    s = Sampler()
    s.reset()
    print(s.draw())


if __name__ == "__main__":
    main()
