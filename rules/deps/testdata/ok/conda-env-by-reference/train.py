import numpy as np
import sklearn

rng = np.random.default_rng(0)
