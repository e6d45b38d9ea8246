import json
import random


def main():
    with open("prompts.json") as f:
        prompts = json.load(f)
    rng = random.Random()
    for p in rng.sample(prompts, 10):
        print(p)


if __name__ == "__main__":
    main()
