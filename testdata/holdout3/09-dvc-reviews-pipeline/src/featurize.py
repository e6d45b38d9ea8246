"""TF-IDF features for train and test."""
import os
import pickle
import sys

import pandas as pd
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer


def load(path):
    return pd.read_csv(path, sep="\t", header=None, names=["id", "label", "text"], quoting=3)


def main():
    params = yaml.safe_load(open("params.yaml"))["featurize"]
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    train, test = load(os.path.join(src, "train.tsv")), load(os.path.join(src, "test.tsv"))
    vec = TfidfVectorizer(max_features=params["max_features"], ngram_range=(1, params["ngrams"]))
    x_train = vec.fit_transform(train.text.fillna(""))
    x_test = vec.transform(test.text.fillna(""))
    for name, x, y in [("train", x_train, train.label), ("test", x_test, test.label)]:
        with open(os.path.join(out, f"{name}.pkl"), "wb") as fd:
            pickle.dump((x, y.values), fd)


if __name__ == "__main__":
    main()
