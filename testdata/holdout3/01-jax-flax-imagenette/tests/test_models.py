import jax
import jax.numpy as jnp

import models


def test_output_shape():
    model = models.ResNet18(num_classes=10)
    x = jnp.ones((2, 64, 64, 3))
    variables = model.init(jax.random.PRNGKey(0), x, train=False)
    logits = model.apply(variables, x, train=False)
    assert logits.shape == (2, 10)
