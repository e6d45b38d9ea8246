import json
import os

import joblib
import pandas as pd
from sklearn.metrics import mean_absolute_error, r2_score

test = pd.read_parquet("data/prepared/test.parquet")
X, y = test.drop(columns=["yield_bu_acre", "county_fips", "year"]), test["yield_bu_acre"]
model = joblib.load("models/gbr.joblib")
pred = model.predict(X)
os.makedirs("eval", exist_ok=True)
json.dump({"mae": mean_absolute_error(y, pred), "r2": r2_score(y, pred)}, open("eval/metrics.json", "w"), indent=2)
pd.DataFrame({"observed": y, "predicted": pred}).to_csv("eval/pred_vs_true.csv", index=False)
