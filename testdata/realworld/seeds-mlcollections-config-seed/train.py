import time

import jax
import jax.numpy as jnp
import optax
from absl import app, flags
from flax.training import train_state
from ml_collections import config_flags

from cnn import CNN

FLAGS = flags.FLAGS
config_flags.DEFINE_config_file("config", None, "path to the config file")


def main(argv):
    cfg = FLAGS.config
    seed = cfg.seed if cfg.seed >= 0 else time.time_ns() % 2**31
    rng = jax.random.PRNGKey(seed)
    params = CNN().init(rng, jnp.ones([1, 28, 28, 1]))["params"]
    tx = optax.sgd(cfg.learning_rate, cfg.momentum)
    state = train_state.TrainState.create(apply_fn=CNN().apply, params=params, tx=tx)
    return state


if __name__ == "__main__":
    app.run(main)
