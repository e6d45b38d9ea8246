import argparse

import tensorflow as tf

ap = argparse.ArgumentParser()
ap.add_argument("--images")
ap.add_argument("--masks")
args = ap.parse_args()
tf.keras.utils.set_random_seed(1)
model = tf.keras.Sequential([tf.keras.layers.Conv2D(1, 1, activation="sigmoid")])
model.compile("adam", "binary_crossentropy")
