import time

import jax
import jax.numpy as jnp
import optax
import tensorflow_datasets as tfds
from absl import app, flags
from flax.training import train_state
from ml_collections import config_flags

from vit.model import ViT

FLAGS = flags.FLAGS
flags.DEFINE_string("workdir", None, "where checkpoints and logs go")
config_flags.DEFINE_config_file("config", None, "training config")


def main(argv):
    cfg = FLAGS.config
    seed = cfg.seed if cfg.seed >= 0 else int(time.time())
    rng = jax.random.PRNGKey(seed)
    rng, init_rng, dropout_rng = jax.random.split(rng, 3)
    model = ViT()
    params = model.init(init_rng, jnp.ones((1, 224, 224, 3)))["params"]
    tx = optax.adamw(optax.warmup_cosine_decay_schedule(0, cfg.lr, cfg.warmup_epochs * 1251, cfg.num_epochs * 1251))
    state = train_state.TrainState.create(apply_fn=model.apply, params=params, tx=tx)
    ds = tfds.load(cfg.dataset, split="train", shuffle_files=True).shuffle(10_000).batch(cfg.batch_size)

    @jax.jit
    def step(state, batch, rng):
        def loss_fn(p):
            logits = model.apply({"params": p}, batch["image"], train=True, rngs={"dropout": rng})
            return optax.softmax_cross_entropy_with_integer_labels(logits, batch["label"]).mean()
        grads = jax.grad(loss_fn)(state.params)
        return state.apply_gradients(grads=grads)

    for epoch in range(cfg.num_epochs):
        for batch in tfds.as_numpy(ds):
            dropout_rng, sub = jax.random.split(dropout_rng)
            state = step(state, batch, sub)
        print("epoch", epoch, "done", flush=True)


if __name__ == "__main__":
    app.run(main)
