"""Fetch the red wine quality CSV."""
import os
import urllib.request

WINE_URL = "https://raw.githubusercontent.com/mlflow/mlflow/master/tests/datasets/winequality-red.csv"


def fetch(path="wine-quality.csv"):
    if not os.path.exists(path):
        urllib.request.urlretrieve(WINE_URL, path)
    return path
