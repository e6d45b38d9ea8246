import jax
import optax
from flax import linen as nn


def main():
    key = jax.random.PRNGKey(0)
    print(key, optax.adam(1e-3), nn.Dense(10))


if __name__ == "__main__":
    main()
