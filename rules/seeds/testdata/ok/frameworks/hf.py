import numpy as np
import torch
from transformers import set_seed

set_seed(0)
print(np.random.rand(2), torch.rand(2))
