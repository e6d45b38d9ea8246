import argparse

import keras_cv
import tensorflow_datasets as tfds
from tensorflow import keras

from data import prepare


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="exported/voc_yolov8xs.keras")
    args = p.parse_args()
    model = keras.models.load_model(args.model)
    ds = prepare(tfds.load("voc/2007", split="test"), 16, training=False, seed=0)
    metric = keras_cv.metrics.BoxCOCOMetrics(bounding_box_format="xywh", evaluate_freq=1e9)
    for images, y_true in ds:
        metric.update_state(y_true, model.predict(images, verbose=0))
    for k, v in metric.result(force=True).items():
        print(f"{k}: {float(v):.4f}")


if __name__ == "__main__":
    main()
