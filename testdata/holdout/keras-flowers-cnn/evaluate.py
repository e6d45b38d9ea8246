import sys

import tensorflow as tf
import tensorflow_datasets as tfds

model = tf.keras.models.load_model(sys.argv[1])
test = tfds.load("tf_flowers", split="train[90%:]", as_supervised=True)
test = test.map(lambda x, y: (tf.image.resize(x, (224, 224)), y)).batch(64)
loss, acc = model.evaluate(test)
print(f"test accuracy {acc:.3f}")
