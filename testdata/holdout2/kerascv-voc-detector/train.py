import argparse

import keras_cv
import tensorflow as tf
import tensorflow_datasets as tfds
from tensorflow import keras

from data import prepare

SEED = 1337


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--epochs", type=int, default=50)
    p.add_argument("--batch-size", type=int, default=16)
    p.add_argument("--out", default="exported/voc_yolov8xs.keras")
    args = p.parse_args()

    keras.utils.set_random_seed(SEED)
    tf.config.experimental.enable_op_determinism()
    read_cfg = tfds.ReadConfig(shuffle_seed=SEED)
    train_ds = tfds.load("voc/2007", split="train+validation", shuffle_files=True, read_config=read_cfg)
    eval_ds = tfds.load("voc/2007", split="test")
    train_ds = prepare(train_ds, args.batch_size, training=True, seed=SEED)
    eval_ds = prepare(eval_ds, args.batch_size, training=False, seed=SEED)

    model = keras_cv.models.YOLOV8Detector.from_preset(
        "yolo_v8_xs_backbone_coco", num_classes=20, bounding_box_format="xywh", fpn_depth=2
    )
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate=0.005, momentum=0.9, global_clipnorm=10.0),
        classification_loss="binary_crossentropy",
        box_loss="ciou",
    )
    coco_cb = keras_cv.callbacks.PyCOCOCallback(eval_ds.take(50), bounding_box_format="xywh")
    model.fit(train_ds, validation_data=eval_ds.take(50), epochs=args.epochs, callbacks=[coco_cb])
    model.save(args.out)


if __name__ == "__main__":
    main()
