import os

import pandas as pd
import yaml
from sklearn.model_selection import train_test_split

params = yaml.safe_load(open("params.yaml"))

df = pd.read_csv("data/raw/claims.csv", parse_dates=["claim_date", "policy_start"])
df["policy_age_days"] = (df["claim_date"] - df["policy_start"]).dt.days
df = df.drop(columns=["claim_id", "customer_id", "claim_date", "policy_start"])
train, test = train_test_split(df, test_size=params["split"]["test_size"], stratify=df["fraud"])
os.makedirs("data/split", exist_ok=True)
train.to_parquet("data/split/train.parquet")
test.to_parquet("data/split/test.parquet")
