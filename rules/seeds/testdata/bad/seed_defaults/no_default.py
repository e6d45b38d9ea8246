"""--seed without a default is None: the default run seeds from OS entropy."""
import argparse

import numpy as np

parser = argparse.ArgumentParser()
parser.add_argument("-s", "--random-seed", type=int, help="seed (random if not given)")
args = parser.parse_args()
rng = np.random.default_rng(args.random_seed)
print(rng.normal(size=3))
