"""Train LightGBM and XGBoost churn models: python -m churn.train --config config.yaml"""
import argparse

import joblib
import pandas as pd
import yaml
from lightgbm import LGBMClassifier
from scipy.stats import loguniform, randint, uniform
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import RandomizedSearchCV, StratifiedKFold, train_test_split
from sklearn.pipeline import Pipeline
from xgboost import XGBClassifier

from churn.features import load, preprocessor


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="config.yaml")
    args = parser.parse_args()
    with open(args.config) as f:
        cfg = yaml.safe_load(f)

    X, y = load(cfg["data"], cfg["target"])
    data = pd.concat([X, y], axis=1).sample(frac=1.0)  # shuffle rows before splitting
    X, y = data.drop(columns=[cfg["target"]]), data[cfg["target"]]
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=cfg["test_size"], stratify=y)

    cv = StratifiedKFold(n_splits=5, shuffle=True)
    lgbm = Pipeline([
        ("prep", preprocessor()),
        ("clf", LGBMClassifier(n_estimators=400, subsample=0.8, subsample_freq=1, random_state=cfg["seed"], verbose=-1)),
    ])
    search = RandomizedSearchCV(
        lgbm,
        {
            "clf__learning_rate": loguniform(1e-3, 0.3),
            "clf__num_leaves": randint(8, 128),
            "clf__colsample_bytree": uniform(0.5, 0.5),
        },
        n_iter=cfg["search_iterations"],
        cv=cv,
        scoring="roc_auc",
        n_jobs=-1,
    )
    search.fit(X_train, y_train)

    xgb = Pipeline([
        ("prep", preprocessor()),
        ("clf", XGBClassifier(n_estimators=300, max_depth=4, subsample=0.8, colsample_bytree=0.8, tree_method="hist")),
    ])
    xgb.fit(X_train, y_train)

    for name, model in [("lightgbm", search.best_estimator_), ("xgboost", xgb)]:
        print(name, roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
    joblib.dump(search.best_estimator_, cfg["model_out"])


if __name__ == "__main__":
    main()
