import pandas as pd


def make_features(df: pd.DataFrame) -> pd.DataFrame:
    g = df.groupby("id")["sales"]
    for lag in (28, 35, 42):
        df[f"f_lag{lag}"] = g.shift(lag)
    for w in (7, 28):
        df[f"f_rmean{w}"] = g.transform(lambda s: s.shift(28).rolling(w).mean())
    df["f_dow"] = pd.to_datetime(df["date"]).dt.dayofweek
    return df.rename(columns={"id": "unique_id", "date": "ds"}).assign(y=df["sales"])
