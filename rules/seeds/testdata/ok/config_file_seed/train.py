import os

import jax
import numpy as np
from absl import app, flags
from ml_collections import config_flags

FLAGS = flags.FLAGS
config_flags.DEFINE_config_file("config", "configs/base.py", "training config")
flags.DEFINE_integer("data_seed", 1, "seed of the data order")


def main(argv):
    cfg = FLAGS.config
    seed = cfg.seed if cfg.seed >= 0 else int.from_bytes(os.urandom(4), "little")
    key = jax.random.PRNGKey(seed)
    order = np.random.default_rng(FLAGS.data_seed).permutation(10)
    print(jax.random.normal(key, (2,)), order)


if __name__ == "__main__":
    app.run(main)
