import os

import joblib
import pandas as pd
import yaml
from sklearn.ensemble import RandomForestRegressor

p = yaml.safe_load(open("params.yaml"))["train"]
df = pd.read_csv("data/prepared/train.csv")
y = df.pop("quality")
rf = RandomForestRegressor(n_estimators=p["n_estimators"], max_depth=p["max_depth"], random_state=p["seed"], n_jobs=-1)
rf.fit(df, y)
os.makedirs("models", exist_ok=True)
joblib.dump(rf, "models/rf.joblib")
