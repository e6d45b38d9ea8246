from pathlib import Path

import pandas as pd
from sklearn.model_selection import train_test_split

DATA = Path("data")


def load_interactions():
    df = pd.read_parquet(DATA / "interactions.parquet")
    df = df[df.rating >= 4].rename(columns={"movie_id": "item_id"})
    train, test = train_test_split(df, test_size=0.1, random_state=17)
    return train, test


def load_catalog():
    return pd.read_csv(DATA / "items.csv", usecols=["item_id", "genre"])
