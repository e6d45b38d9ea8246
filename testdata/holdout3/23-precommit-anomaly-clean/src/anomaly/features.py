import numpy as np
import pandas as pd

CATEGORIES = ["grocery", "travel", "electronics", "fuel", "restaurant"]


def featurize(df: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame({
        "log_amount": np.log1p(df["amount"]),
        "hour_sin": np.sin(2 * np.pi * df["hour"] / 24),
        "hour_cos": np.cos(2 * np.pi * df["hour"] / 24),
        "country_risk": df["country_risk"],
        "n_tx_24h": df["n_tx_24h"],
    })
    for c in CATEGORIES:
        out[f"cat_{c}"] = (df["merchant_category"] == c).astype(float)
    return out
