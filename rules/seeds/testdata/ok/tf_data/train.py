import numpy as np
import tensorflow as tf
import tensorflow_datasets as tfds

SEED = 0


def main():
    tf.keras.utils.set_random_seed(SEED)
    read = tfds.ReadConfig(shuffle_seed=SEED)
    train = tfds.load("mnist", split="train", shuffle_files=True, read_config=read).shuffle(10_000).batch(128)
    test = tfds.load("mnist", split="test").shuffle(1000, seed=SEED)
    extra = tf.data.Dataset.from_tensor_slices(tf.range(100)).shuffle(100)
    rows = np.arange(10)
    np.random.shuffle(rows)
    model = tf.keras.Sequential([tf.keras.layers.Flatten(), tf.keras.layers.Dense(10)])
    model.compile("adam", "sparse_categorical_crossentropy")
    model.fit(train, epochs=1)
    return test, extra, rows


if __name__ == "__main__":
    main()
