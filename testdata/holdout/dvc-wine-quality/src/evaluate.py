import json

import joblib
import pandas as pd
from sklearn.metrics import mean_absolute_error, r2_score

rf = joblib.load("models/rf.joblib")
df = pd.read_csv("data/prepared/test.csv")
y = df.pop("quality")
pred = rf.predict(df)
json.dump({"mae": mean_absolute_error(y, pred), "r2": r2_score(y, pred)}, open("metrics.json", "w"), indent=2)
