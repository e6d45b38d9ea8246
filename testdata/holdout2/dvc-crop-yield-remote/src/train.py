import os

import joblib
import pandas as pd
import yaml
from sklearn.ensemble import GradientBoostingRegressor

params = yaml.safe_load(open("params.yaml"))
p = params["train"]

train = pd.read_parquet("data/prepared/train.parquet")
X, y = train.drop(columns=["yield_bu_acre", "county_fips", "year"]), train["yield_bu_acre"]
model = GradientBoostingRegressor(n_estimators=p["n_estimators"], learning_rate=p["learning_rate"],
                                  max_depth=p["max_depth"], subsample=p["subsample"],
                                  random_state=params["seed"])
model.fit(X, y)
os.makedirs("models", exist_ok=True)
joblib.dump(model, "models/gbr.joblib")
