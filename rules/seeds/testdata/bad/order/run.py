import numpy as np

x = np.random.permutation(10)
np.random.seed(1234)
y = np.random.rand(3)
print(x, y)
