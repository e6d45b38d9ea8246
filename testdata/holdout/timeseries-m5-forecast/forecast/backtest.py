import argparse

import lightgbm as lgb
import numpy as np
import pandas as pd
from statsforecast import StatsForecast
from statsforecast.models import AutoETS

from forecast.features import make_features


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=3)
    args = ap.parse_args()
    df = make_features(pd.read_parquet("data/m5_long.parquet"))
    for k in range(args.folds):
        cutoff = df.d.max() - 28 * (k + 1)
        train, valid = df[df.d <= cutoff], df[(df.d > cutoff) & (df.d <= cutoff + 28)]
        feats = [c for c in df.columns if c.startswith("f_")]
        gbm = lgb.train({"objective": "tweedie", "learning_rate": 0.05, "num_leaves": 127, "seed": 0,
                         "bagging_fraction": 0.8, "bagging_freq": 1, "feature_fraction": 0.8},
                        lgb.Dataset(train[feats], train.sales), num_boost_round=1200)
        sf = StatsForecast(models=[AutoETS(season_length=7)], freq="D", n_jobs=-1)
        ets = sf.forecast(df=train[["unique_id", "ds", "y"]], h=28)
        pred = 0.7 * gbm.predict(valid[feats]) + 0.3 * ets["AutoETS"].to_numpy()[: len(valid)]
        print(f"fold {k}: rmse {np.sqrt(np.mean((pred - valid.sales) ** 2)):.4f}")


if __name__ == "__main__":
    main()
