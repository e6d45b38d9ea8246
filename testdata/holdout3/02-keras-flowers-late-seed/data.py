"""tf.data pipelines for the flowers photos."""
import tensorflow as tf

IMG_SIZE = (180, 180)
AUTOTUNE = tf.data.AUTOTUNE


def make_datasets(data_dir, batch_size=32):
    # The split itself is seeded (seed=123); the shuffle buffer below is not.
    train_ds, val_ds = tf.keras.utils.image_dataset_from_directory(
        data_dir,
        validation_split=0.2,
        subset="both",
        seed=123,
        image_size=IMG_SIZE,
        batch_size=batch_size,
    )
    class_names = train_ds.class_names
    train_ds = train_ds.cache().shuffle(1000).prefetch(AUTOTUNE)
    val_ds = val_ds.cache().prefetch(AUTOTUNE)
    return train_ds, val_ds, class_names


def make_eval_dataset(data_dir, batch_size=32):
    ds = tf.keras.utils.image_dataset_from_directory(
        data_dir, image_size=IMG_SIZE, batch_size=batch_size, shuffle=False
    )
    return ds.prefetch(AUTOTUNE)
