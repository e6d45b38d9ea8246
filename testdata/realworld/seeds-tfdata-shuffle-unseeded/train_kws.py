import tensorflow as tf
import tensorflow_datasets as tfds


def spectrogram(audio, label):
    return tf.abs(tf.signal.stft(tf.cast(audio, tf.float32), 255, 128))[..., None], label


def main():
    train = tfds.load("speech_commands", split="train", as_supervised=True, shuffle_files=True)
    train = train.map(spectrogram).shuffle(8192).batch(64).prefetch(tf.data.AUTOTUNE)
    model = tf.keras.Sequential([tf.keras.layers.Conv2D(32, 3, activation="relu"), tf.keras.layers.GlobalAveragePooling2D(), tf.keras.layers.Dense(12)])
    model.compile("adam", tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
    model.fit(train, epochs=20)
    model.save("kws.keras")


if __name__ == "__main__":
    main()
