"""Training and evaluation loop. The only source of randomness is the root PRNGKey."""
import jax
import jax.numpy as jnp
import optax
from clu import metric_writers
from flax.training import checkpoints, train_state

import input_pipeline
import models

NUM_TRAIN_EXAMPLES = 9469


class TrainState(train_state.TrainState):
    batch_stats: dict


def create_train_state(rng, config, steps_per_epoch):
    model = models.ResNet18(num_classes=config.num_classes)
    dummy = jnp.ones((1, config.image_size, config.image_size, 3))
    variables = model.init(rng, dummy, train=False)
    schedule = optax.warmup_cosine_decay_schedule(
        0.0, config.learning_rate, config.warmup_epochs * steps_per_epoch, config.num_epochs * steps_per_epoch
    )
    tx = optax.chain(optax.add_decayed_weights(config.weight_decay), optax.sgd(schedule, config.momentum, nesterov=True))
    return TrainState.create(apply_fn=model.apply, params=variables["params"], tx=tx, batch_stats=variables["batch_stats"])


@jax.jit
def train_step(state, batch):
    def loss_fn(params):
        logits, updates = state.apply_fn(
            {"params": params, "batch_stats": state.batch_stats}, batch["image"], train=True, mutable=["batch_stats"]
        )
        labels = jax.nn.one_hot(batch["label"], logits.shape[-1])
        return optax.softmax_cross_entropy(logits, labels).mean(), updates

    (loss, updates), grads = jax.value_and_grad(loss_fn, has_aux=True)(state.params)
    state = state.apply_gradients(grads=grads, batch_stats=updates["batch_stats"])
    return state, loss


@jax.jit
def eval_step(state, batch):
    logits = state.apply_fn({"params": state.params, "batch_stats": state.batch_stats}, batch["image"], train=False)
    return jnp.sum(jnp.argmax(logits, -1) == batch["label"])


def train_and_evaluate(config, workdir):
    writer = metric_writers.create_default_writer(workdir)
    rng = jax.random.PRNGKey(config.seed)
    rng, init_rng = jax.random.split(rng)
    steps_per_epoch = NUM_TRAIN_EXAMPLES // config.batch_size
    state = create_train_state(init_rng, config, steps_per_epoch)
    train_iter = iter(input_pipeline.create_split(config, "train", train=True).as_numpy_iterator())
    for epoch in range(config.num_epochs):
        for _ in range(steps_per_epoch):
            state, loss = train_step(state, next(train_iter))
        correct, total = 0, 0
        for batch in input_pipeline.create_split(config, "validation", train=False).as_numpy_iterator():
            correct += int(eval_step(state, batch))
            total += len(batch["label"])
        writer.write_scalars(epoch, {"train_loss": float(loss), "val_top1": correct / total})
        checkpoints.save_checkpoint(workdir, state, step=epoch, keep=2)
    writer.flush()
    return state
