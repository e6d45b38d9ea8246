import random

import numpy as np


def set_seed(seed):
    """Seeds random and numpy, but forgets torch."""
    random.seed(seed)
    np.random.seed(seed)
