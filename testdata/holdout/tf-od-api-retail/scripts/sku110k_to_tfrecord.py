import argparse
import csv
import os
from collections import defaultdict

import tensorflow as tf


def feature(v):
    if isinstance(v, bytes):
        return tf.train.Feature(bytes_list=tf.train.BytesList(value=[v]))
    return tf.train.Feature(float_list=tf.train.FloatList(value=v))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", required=True)
    ap.add_argument("--annotations", default="annotations/annotations_train.csv")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    boxes = defaultdict(list)
    for row in csv.reader(open(args.annotations)):
        name, x1, y1, x2, y2, _, w, h = row
        boxes[name].append((float(x1) / float(w), float(y1) / float(h), float(x2) / float(w), float(y2) / float(h)))
    os.makedirs(args.out, exist_ok=True)
    with tf.io.TFRecordWriter(os.path.join(args.out, "train-00000.tfrecord")) as w:
        for name, bs in sorted(boxes.items()):
            ex = tf.train.Example(features=tf.train.Features(feature={
                "image/encoded": feature(open(os.path.join(args.images, name), "rb").read()),
                "image/object/bbox/xmin": feature([b[0] for b in bs]),
                "image/object/bbox/ymin": feature([b[1] for b in bs]),
                "image/object/bbox/xmax": feature([b[2] for b in bs]),
                "image/object/bbox/ymax": feature([b[3] for b in bs]),
            }))
            w.write(ex.SerializeToString())


if __name__ == "__main__":
    main()
