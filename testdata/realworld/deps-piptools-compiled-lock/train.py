import argparse

import lightgbm as lgb
import pandas as pd


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="data/train.csv")
    args = parser.parse_args()
    frame = pd.read_csv(args.data)
    model = lgb.LGBMRegressor(n_estimators=500, random_state=7)
    model.fit(frame.drop(columns=["sales"]), frame["sales"])


if __name__ == "__main__":
    main()
