import pandas as pd

from churn import data


def test_load(tmp_path, monkeypatch):
    csv = tmp_path / "raw.csv"
    pd.DataFrame({"customerID": ["a", "b"], "tenure": [1, 2], "TotalCharges": ["1.5", " "],
                  "Churn": ["Yes", "No"]}).to_csv(csv, index=False)
    monkeypatch.setattr(data, "RAW", str(csv))
    X, y = data.load()
    assert list(y) == [1, 0]
    assert X["TotalCharges"].tolist() == [1.5, 0.0]
