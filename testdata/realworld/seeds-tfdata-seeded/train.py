import tensorflow as tf
import tensorflow_datasets as tfds

SEED = 1234


def main():
    tf.keras.utils.set_random_seed(SEED)
    tf.config.experimental.enable_op_determinism()
    read = tfds.ReadConfig(shuffle_seed=SEED)
    train = tfds.load("cifar10", split="train", as_supervised=True, shuffle_files=True, read_config=read)
    train = train.shuffle(10_000).batch(128)
    val = tfds.load("cifar10", split="test", as_supervised=True).shuffle(1000, seed=SEED).batch(256)
    model = tf.keras.applications.ResNet50(weights=None, input_shape=(32, 32, 3), classes=10)
    model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
    model.fit(train, validation_data=val, epochs=30)


if __name__ == "__main__":
    main()
