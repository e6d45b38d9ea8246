import numpy as np
import pandas as pd
from sklearn.preprocessing import OneHotEncoder

QUALITY = {"Ex": 5, "Gd": 4, "TA": 3, "Fa": 2, "Po": 1, np.nan: 0}
QUAL_COLS = ["ExterQual", "ExterCond", "BsmtQual", "BsmtCond", "HeatingQC",
             "KitchenQual", "FireplaceQu", "GarageQual", "GarageCond", "PoolQC"]


def engineer(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    for c in QUAL_COLS:
        df[c] = df[c].map(QUALITY).fillna(0).astype(int)
    df["TotalSF"] = df["TotalBsmtSF"].fillna(0) + df["1stFlrSF"] + df["2ndFlrSF"]
    df["Age"] = df["YrSold"] - df["YearBuilt"]
    df["RemodAge"] = df["YrSold"] - df["YearRemodAdd"]
    df["TotalBath"] = (df["FullBath"] + 0.5 * df["HalfBath"]
                       + df["BsmtFullBath"].fillna(0) + 0.5 * df["BsmtHalfBath"].fillna(0))
    df["LotFrontage"] = df.groupby("Neighborhood")["LotFrontage"].transform(lambda s: s.fillna(s.median()))
    for c in df.select_dtypes("object"):
        df[c] = df[c].fillna("None")
    return df


def one_hot(train: pd.DataFrame, test: pd.DataFrame):
    cats = train.select_dtypes("object").columns
    enc = OneHotEncoder(handle_unknown="ignore", sparse_output=False)
    enc.fit(train[cats])
    def tf(df):
        num = df.drop(columns=cats).fillna(0)
        return np.hstack([num.values, enc.transform(df[cats])])
    return tf(train), tf(test)
