import pandas as pd

RAW = "data/raw/WA_Fn-UseC_-Telco-Customer-Churn.csv"


def load() -> tuple[pd.DataFrame, pd.Series]:
    df = pd.read_csv(RAW)
    df["TotalCharges"] = pd.to_numeric(df["TotalCharges"], errors="coerce").fillna(0)
    y = (df.pop("Churn") == "Yes").astype(int)
    X = pd.get_dummies(df.drop(columns=["customerID"]), drop_first=True)
    return X, y
