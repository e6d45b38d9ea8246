import argparse
import os

import joblib
import optuna
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

from features import SEED, load


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--storage", default="sqlite:///optuna.db")
    parser.add_argument("--name", default="hgb-credit")
    args = parser.parse_args()

    study = optuna.load_study(study_name=args.name, storage=args.storage)
    X, y = load()
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y,
                                                        random_state=SEED)
    model = HistGradientBoostingClassifier(categorical_features="from_dtype", max_iter=400,
                                           random_state=SEED, **study.best_params)
    model.fit(X_train, y_train)
    print(f"test ROC-AUC: {roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]):.4f}")
    os.makedirs("models", exist_ok=True)
    joblib.dump(model, "models/hgb_best.joblib")


if __name__ == "__main__":
    main()
