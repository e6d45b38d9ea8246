import argparse

import optuna
from optuna.pruners import MedianPruner
from optuna.samplers import TPESampler
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score, train_test_split

from features import SEED, load


def make_objective(X, y):
    cv = StratifiedKFold(n_splits=5, shuffle=True)

    def objective(trial):
        params = {
            "learning_rate": trial.suggest_float("learning_rate", 0.01, 0.3, log=True),
            "max_leaf_nodes": trial.suggest_int("max_leaf_nodes", 8, 128, log=True),
            "min_samples_leaf": trial.suggest_int("min_samples_leaf", 10, 200),
            "l2_regularization": trial.suggest_float("l2_regularization", 1e-4, 10.0, log=True),
            "max_iter": 400,
        }
        model = HistGradientBoostingClassifier(categorical_features="from_dtype",
                                               random_state=SEED, **params)
        scores = cross_val_score(model, X, y, cv=cv, scoring="roc_auc", n_jobs=5)
        return scores.mean()

    return objective


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--storage", default="sqlite:///optuna.db")
    parser.add_argument("--name", default="hgb-credit")
    args = parser.parse_args()

    X, y = load()
    X_train, _, y_train, _ = train_test_split(X, y, test_size=0.2, stratify=y, random_state=SEED)
    study = optuna.create_study(
        study_name=args.name,
        storage=args.storage,
        direction="maximize",
        sampler=TPESampler(seed=SEED, multivariate=True),
        pruner=MedianPruner(n_warmup_steps=5),
        load_if_exists=True,
    )
    study.optimize(make_objective(X_train, y_train), n_trials=args.trials)
    print("best:", study.best_value, study.best_params)


if __name__ == "__main__":
    main()
