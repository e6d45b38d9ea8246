"""Evaluate the model on the test features and write metrics and the PR curve."""
import json
import os
import pickle
import sys

from metrics import summary


def main():
    model_file, features = sys.argv[1], sys.argv[2]
    with open(model_file, "rb") as fd:
        model = pickle.load(fd)
    with open(os.path.join(features, "test.pkl"), "rb") as fd:
        x, y = pickle.load(fd)
    scores, prc = summary(y, model.predict_proba(x)[:, 1])
    os.makedirs("eval", exist_ok=True)
    json.dump(scores, open("eval/metrics.json", "w"), indent=2)
    json.dump({"prc": prc}, open("eval/prc.json", "w"))


if __name__ == "__main__":
    main()
