import glob

import lightgbm as lgb
import numpy as np
import pandas as pd
from catboost import CatBoostRegressor

from features import add_features

test = add_features(pd.read_csv("data/test.csv"))
X = test.drop(columns=["id"])
preds = []
for path in sorted(glob.glob("models/lgbm_fold*.txt")):
    preds.append(0.6 * lgb.Booster(model_file=path).predict(X))
for path in sorted(glob.glob("models/cat_fold*.cbm")):
    preds.append(0.4 * CatBoostRegressor().load_model(path).predict(X))
pred = np.sum(preds, axis=0) / (len(preds) / 2)
pd.DataFrame({"id": test["id"], "yield": pred}).to_csv("submission.csv", index=False)
