import argparse

import pandas as pd
from sklearn.metrics import roc_auc_score
from xgboost import XGBClassifier


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="artifacts/model.json")
    args = ap.parse_args()
    clf = XGBClassifier()
    clf.load_model(args.model)
    test = pd.read_parquet("artifacts/test.parquet")
    y = test.pop("label")
    print(f"ROC-AUC {roc_auc_score(y, clf.predict_proba(test)[:, 1]):.3f}")


if __name__ == "__main__":
    main()
