"""Evaluate a saved model: python -m churn.evaluate --model models/churn_lgbm.joblib"""
import argparse

import joblib
from sklearn.inspection import permutation_importance
from sklearn.metrics import classification_report, roc_auc_score

from churn.features import load


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="models/churn_lgbm.joblib")
    parser.add_argument("--data", default="data/holdout.csv")
    args = parser.parse_args()
    model = joblib.load(args.model)
    X, y = load(args.data, "Churn")
    proba = model.predict_proba(X)[:, 1]
    print("ROC AUC", round(roc_auc_score(y, proba), 4))
    print(classification_report(y, proba > 0.5))
    imp = permutation_importance(model, X, y, n_repeats=10, random_state=0, scoring="roc_auc")
    for name, score in sorted(zip(X.columns, imp.importances_mean), key=lambda t: -t[1])[:10]:
        print(f"{name:20s} {score:.4f}")


if __name__ == "__main__":
    main()
