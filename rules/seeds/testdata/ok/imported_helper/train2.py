import random

import numpy as np
import torch
import utils.seed as s

s.set_seed(1)
print(random.choice([1, 2]), np.random.randn(2), torch.rand(1))
