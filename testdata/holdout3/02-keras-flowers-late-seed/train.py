"""Train the flowers CNN.

Usage: python train.py --epochs 15
(Install the dependencies first: pip install tensorflow matplotlib)
"""
import argparse

import tensorflow as tf

from data import IMG_SIZE, make_datasets

DATASET_URL = "https://storage.googleapis.com/download.tensorflow.org/example_images/flower_photos.tgz"


def build_model(num_classes):
    augmentation = tf.keras.Sequential(
        [
            tf.keras.layers.RandomFlip("horizontal", input_shape=IMG_SIZE + (3,)),
            tf.keras.layers.RandomRotation(0.1),
            tf.keras.layers.RandomZoom(0.1),
        ]
    )
    return tf.keras.Sequential(
        [
            augmentation,
            tf.keras.layers.Rescaling(1.0 / 255),
            tf.keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
            tf.keras.layers.MaxPooling2D(),
            tf.keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
            tf.keras.layers.MaxPooling2D(),
            tf.keras.layers.Conv2D(64, 3, padding="same", activation="relu"),
            tf.keras.layers.MaxPooling2D(),
            tf.keras.layers.Dropout(0.2),
            tf.keras.layers.Flatten(),
            tf.keras.layers.Dense(128, activation="relu"),
            tf.keras.layers.Dense(num_classes),
        ]
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--seed", type=int, default=1337)
    parser.add_argument("--out", default="models/flowers_v2.keras")
    args = parser.parse_args()

    data_dir = tf.keras.utils.get_file("flower_photos", origin=DATASET_URL, untar=True)
    train_ds, val_ds, class_names = make_datasets(data_dir)
    model = build_model(len(class_names))
    model.compile(
        optimizer="adam",
        loss=tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )

    # make the run reproducible
    tf.keras.utils.set_random_seed(args.seed)
    model.fit(train_ds, validation_data=val_ds, epochs=args.epochs)
    model.save(args.out)


if __name__ == "__main__":
    main()
