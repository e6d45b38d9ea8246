"""Fit the random forest."""
import os
import pickle
import sys

import yaml
from sklearn.ensemble import RandomForestClassifier


def main():
    params = yaml.safe_load(open("params.yaml"))["train"]
    features, output = sys.argv[1], sys.argv[2]
    with open(os.path.join(features, "train.pkl"), "rb") as fd:
        x, y = pickle.load(fd)
    clf = RandomForestClassifier(
        n_estimators=params["n_est"], min_samples_split=params["min_split"], n_jobs=2, random_state=params["seed"]
    )
    clf.fit(x, y)
    os.makedirs(os.path.dirname(output), exist_ok=True)
    with open(output, "wb") as fd:
        pickle.dump(clf, fd)


if __name__ == "__main__":
    main()
