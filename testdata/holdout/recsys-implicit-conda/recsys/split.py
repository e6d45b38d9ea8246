import pandas as pd


def temporal_split(df: pd.DataFrame, frac: float = 0.1):
    df = df.sort_values(["userId", "timestamp"])
    rank = df.groupby("userId").cumcount(ascending=False)
    size = df.groupby("userId")["timestamp"].transform("size")
    test = rank < (size * frac).clip(lower=1)
    return df[~test], df[test]
