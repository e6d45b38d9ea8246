"""Evaluate a saved model on the flowers photos (no randomness involved)."""
import argparse
import os

import tensorflow as tf

from data import make_eval_dataset


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="models/flowers_v1.keras")
    parser.add_argument("--data-dir", default=os.path.expanduser("~/.keras/datasets/flower_photos"))
    args = parser.parse_args()
    model = tf.keras.models.load_model(args.model)
    loss, acc = model.evaluate(make_eval_dataset(args.data_dir))
    print(f"loss={loss:.4f} accuracy={acc:.4f}")


if __name__ == "__main__":
    main()
