import keras_cv
import tensorflow as tf


def _to_dict(sample):
    image = tf.cast(sample["image"], tf.float32)
    boxes = keras_cv.bounding_box.convert_format(
        sample["objects"]["bbox"], images=image, source="rel_yxyx", target="xywh"
    )
    return {"images": image, "bounding_boxes": {"classes": tf.cast(sample["objects"]["label"], tf.float32),
                                                 "boxes": boxes}}


def prepare(ds, batch_size, training, seed):
    ds = ds.map(_to_dict, num_parallel_calls=tf.data.AUTOTUNE)
    if training:
        ds = ds.shuffle(1000, seed=seed)
    ds = ds.ragged_batch(batch_size, drop_remainder=training)
    if training:
        aug = keras_cv.layers.Augmenter([
            keras_cv.layers.RandomFlip(mode="horizontal", bounding_box_format="xywh", seed=seed),
            keras_cv.layers.JitteredResize(target_size=(640, 640), scale_factor=(0.75, 1.3),
                                           bounding_box_format="xywh", seed=seed),
        ])
    else:
        aug = keras_cv.layers.Resizing(640, 640, pad_to_aspect_ratio=True, bounding_box_format="xywh")
    ds = ds.map(aug, num_parallel_calls=tf.data.AUTOTUNE)
    ds = ds.map(lambda d: (d["images"], keras_cv.bounding_box.to_dense(d["bounding_boxes"], max_boxes=32)))
    return ds.prefetch(tf.data.AUTOTUNE)
