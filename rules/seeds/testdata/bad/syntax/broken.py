import numpy as np

doc = """never closed
np.random.rand(3)
