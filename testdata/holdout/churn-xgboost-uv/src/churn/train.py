import argparse
import json
import os

import yaml
from sklearn.model_selection import train_test_split
from xgboost import XGBClassifier

from churn.data import load


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="conf/xgb.yaml")
    cfg = yaml.safe_load(open(ap.parse_args().config))
    X, y = load()
    X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=cfg["test_size"], stratify=y)
    clf = XGBClassifier(**cfg["model"], random_state=cfg["seed"], eval_metric="auc")
    clf.fit(X_tr, y_tr, eval_set=[(X_te, y_te)], verbose=False)
    os.makedirs("artifacts", exist_ok=True)
    clf.save_model("artifacts/model.json")
    X_te.assign(label=y_te).to_parquet("artifacts/test.parquet")
    json.dump({"features": list(X.columns)}, open("artifacts/meta.json", "w"))


if __name__ == "__main__":
    main()
