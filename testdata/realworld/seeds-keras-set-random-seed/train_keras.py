import tensorflow as tf


def main():
    tf.keras.utils.set_random_seed(2024)
    tf.config.experimental.enable_op_determinism()
    model = tf.keras.Sequential([
        tf.keras.layers.Dense(64, activation="relu"),
        tf.keras.layers.Dropout(0.2),
        tf.keras.layers.Dense(10),
    ])
    model.compile(optimizer="adam", loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True))
    (x, y), _ = tf.keras.datasets.mnist.load_data()
    model.fit(x.reshape(-1, 784) / 255.0, y, epochs=1, shuffle=True)


if __name__ == "__main__":
    main()
