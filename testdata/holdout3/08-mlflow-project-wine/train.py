"""ElasticNet on the wine quality data, tracked with MLflow."""
import argparse
import logging

import mlflow
import mlflow.sklearn
import numpy as np
import pandas as pd
from mlflow.models import infer_signature
from sklearn.linear_model import ElasticNet
from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
from sklearn.model_selection import train_test_split

from data import fetch

logging.basicConfig(level=logging.WARN)


def eval_metrics(actual, pred):
    rmse = np.sqrt(mean_squared_error(actual, pred))
    return rmse, mean_absolute_error(actual, pred), r2_score(actual, pred)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--alpha", type=float, default=0.5)
    parser.add_argument("--l1-ratio", type=float, default=0.1)
    args = parser.parse_args()

    np.random.seed(40)
    data = pd.read_csv(fetch(), sep=";")
    train, test = train_test_split(data)
    train_x, test_x = train.drop(["quality"], axis=1), test.drop(["quality"], axis=1)
    train_y, test_y = train[["quality"]], test[["quality"]]

    with mlflow.start_run():
        lr = ElasticNet(alpha=args.alpha, l1_ratio=args.l1_ratio, random_state=42)
        lr.fit(train_x, train_y)
        predicted = lr.predict(test_x)
        rmse, mae, r2 = eval_metrics(test_y, predicted)
        print(f"ElasticNet(alpha={args.alpha}, l1_ratio={args.l1_ratio}): RMSE={rmse:.3f} MAE={mae:.3f} R2={r2:.3f}")
        mlflow.log_params({"alpha": args.alpha, "l1_ratio": args.l1_ratio})
        mlflow.log_metrics({"rmse": rmse, "r2": r2, "mae": mae})
        mlflow.sklearn.log_model(lr, "model", signature=infer_signature(train_x, predicted))


if __name__ == "__main__":
    main()
