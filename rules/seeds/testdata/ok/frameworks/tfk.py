import random

import numpy as np
import tensorflow as tf

tf.keras.utils.set_random_seed(1)
layer = tf.keras.layers.Dense(4)
print(random.random(), np.random.rand(1), tf.random.normal([2]))
