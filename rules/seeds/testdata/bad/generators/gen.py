import random
import time

import jax
import numpy as np

rng = np.random.default_rng()
rng_none = np.random.default_rng(None)
ok_rng = np.random.default_rng(42)
random.seed()
key = jax.random.PRNGKey(int(time.time()))
good_key = jax.random.PRNGKey(0)

import torch

g = torch.Generator()
g.manual_seed(int(time.time()))
fixed = torch.Generator().manual_seed(1234)
