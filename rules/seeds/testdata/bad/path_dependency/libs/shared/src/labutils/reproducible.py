import random

import numpy as np


def fix_seeds(seed):
    random.seed(seed)
    np.random.seed(seed)
