import pandas as pd

from anomaly.features import featurize


def test_featurize_columns():
    df = pd.DataFrame({"amount": [10.0], "hour": [3], "merchant_category": ["fuel"],
                       "country_risk": [0.1], "n_tx_24h": [2]})
    out = featurize(df)
    assert out.loc[0, "cat_fuel"] == 1.0
    assert "log_amount" in out
