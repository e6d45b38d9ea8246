import pandas as pd

SEED = 20240315
CATEGORICAL = ["SEX", "EDUCATION", "MARRIAGE"]


def load(path="data/credit_default.csv"):
    df = pd.read_csv(path).drop(columns=["ID"])
    df["EDUCATION"] = df["EDUCATION"].replace({0: 4, 5: 4, 6: 4})
    df["MARRIAGE"] = df["MARRIAGE"].replace({0: 3})
    bills = [f"BILL_AMT{i}" for i in range(1, 7)]
    pays = [f"PAY_AMT{i}" for i in range(1, 7)]
    df["util_mean"] = df[bills].mean(axis=1) / df["LIMIT_BAL"]
    df["pay_ratio"] = df[pays].sum(axis=1) / (df[bills].sum(axis=1).abs() + 1)
    for c in CATEGORICAL:
        df[c] = df[c].astype("category")
    y = df.pop("default")
    return df, y
