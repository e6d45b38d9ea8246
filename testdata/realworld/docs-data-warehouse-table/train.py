import lightgbm as lgb
import pandas as pd

df = pd.read_parquet("gs://acme-risk-exports/card_tx/latest.parquet")
model = lgb.train({"objective": "binary", "seed": 7}, lgb.Dataset(df.drop(columns="fraud"), df["fraud"]))
model.save_model("model.txt")
