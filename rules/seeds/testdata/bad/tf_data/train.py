import tensorflow as tf
import tensorflow_datasets as tfds


def main():
    train = tfds.load("mnist", split="train", shuffle_files=True).shuffle(10_000).batch(128)
    extra = tf.data.Dataset.from_tensor_slices(tf.range(100))
    extra = extra.map(lambda x: x * 2)
    extra = extra.shuffle(100)
    model = tf.keras.Sequential([tf.keras.layers.Flatten(), tf.keras.layers.Dense(10)])
    model.compile("adam", "sparse_categorical_crossentropy")
    model.fit(train, epochs=1)
    return extra


if __name__ == "__main__":
    main()
