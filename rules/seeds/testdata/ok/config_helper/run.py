import numpy as np
import torch
from mylab.repro import seed_all

seed_all(0)
print(np.random.rand(2), torch.randn(2))
