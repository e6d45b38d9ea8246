import pandas as pd


def add_features(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["fruit_seed"] = df["fruitset"] * df["seeds"]
    df["bee_total"] = df[["honeybee", "bumbles", "andrena", "osmia"]].sum(axis=1)
    df["temp_range"] = df["MaxOfUpperTRange"] - df["MinOfLowerTRange"]
    return df
