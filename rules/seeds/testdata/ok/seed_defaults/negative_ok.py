"""-1 is a fixed seed when nothing turns it into a random one."""
import argparse
import random

parser = argparse.ArgumentParser()
parser.add_argument("--seed", type=int, default=-1)
args = parser.parse_args()
seed = args.seed if args.seed >= 0 else 0
random.seed(seed)
print(random.random())
