import argparse

from augment.policy import RandAugmentPolicy


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    policy = RandAugmentPolicy(n_ops=3)
    policy.reset(args.seed)
    for _ in range(5):
        print(policy.sample())


if __name__ == "__main__":
    main()
