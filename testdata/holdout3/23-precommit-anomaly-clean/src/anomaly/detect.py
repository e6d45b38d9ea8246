"""Fit an IsolationForest on card transactions and report precision at the flagged rate.

Usage: python -m anomaly.detect --config config.yaml   (from src/, or with PYTHONPATH=src)
"""
import argparse

import pandas as pd
import yaml
from sklearn.ensemble import IsolationForest
from sklearn.metrics import average_precision_score, precision_score
from sklearn.model_selection import train_test_split

from anomaly.features import featurize


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="config.yaml")
    cfg = yaml.safe_load(open(parser.parse_args().config))
    df = pd.read_csv(cfg["data"])
    X, y = featurize(df), df["is_fraud"]
    X_train, X_test, y_train, y_test = train_test_split(
        X, y, test_size=cfg["test_size"], stratify=y, random_state=cfg["seed"]
    )
    forest = IsolationForest(n_estimators=cfg["n_estimators"], contamination=cfg["contamination"],
                             random_state=cfg["seed"])
    forest.fit(X_train[y_train == 0])
    scores = -forest.score_samples(X_test)
    flagged = forest.predict(X_test) == -1
    print(f"average precision: {average_precision_score(y_test, scores):.3f}")
    print(f"precision of flagged: {precision_score(y_test, flagged, zero_division=0):.3f}")


if __name__ == "__main__":
    main()
