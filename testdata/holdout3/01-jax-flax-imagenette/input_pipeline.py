"""tf.data input pipeline for Imagenette; every random op takes the config's seed."""
import tensorflow as tf
import tensorflow_datasets as tfds

MEAN_RGB = [0.485 * 255, 0.456 * 255, 0.406 * 255]
STDDEV_RGB = [0.229 * 255, 0.224 * 255, 0.225 * 255]


def _preprocess(example, image_size, train, seed):
    image = tf.cast(example["image"], tf.float32)
    image = tf.image.resize(image, [image_size, image_size])
    if train:
        image = tf.image.stateless_random_flip_left_right(image, seed=seed)
    image = (image - MEAN_RGB) / STDDEV_RGB
    return {"image": image, "label": example["label"]}


def create_split(config, split, train):
    builder = tfds.builder(config.dataset)
    builder.download_and_prepare()
    read_config = tfds.ReadConfig(shuffle_seed=config.seed)
    ds = builder.as_dataset(split=split, shuffle_files=train, read_config=read_config)
    if train:
        ds = ds.repeat()
        ds = ds.shuffle(config.shuffle_buffer, seed=config.seed)
    counter = tf.data.experimental.Counter()
    ds = tf.data.Dataset.zip((ds, counter))
    ds = ds.map(
        lambda ex, i: _preprocess(ex, config.image_size, train, tf.stack([config.seed, i])),
        num_parallel_calls=tf.data.AUTOTUNE,
    )
    ds = ds.batch(config.batch_size, drop_remainder=train)
    return ds.prefetch(tf.data.AUTOTUNE)
