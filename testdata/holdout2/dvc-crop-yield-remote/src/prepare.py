import os

import pandas as pd
import yaml

p = yaml.safe_load(open("params.yaml"))["prepare"]

yields = pd.read_csv("data/raw/yield.csv")              # county_fips, year, crop, yield_bu_acre
weather = pd.read_csv("data/raw/weather.csv", parse_dates=["date"])
soil = pd.read_csv("data/external/soil_types.csv")      # county_fips, sand, silt, clay, awc

weather["year"] = weather["date"].dt.year
season = weather[weather["date"].dt.dayofyear.between(91, 91 + p["weather_window_days"])]
agg = season.groupby(["county_fips", "year"]).agg(
    gdd=("gdd", "sum"), precip=("precip_mm", "sum"), tmax_mean=("tmax", "mean"), hot_days=("tmax", lambda s: (s > 32).sum())
).reset_index()
df = yields.merge(agg, on=["county_fips", "year"]).merge(soil, on="county_fips")
df = pd.get_dummies(df, columns=["crop"])

os.makedirs("data/prepared", exist_ok=True)
test = df["year"].isin(p["test_years"])
df[~test].to_parquet("data/prepared/train.parquet")
df[test].to_parquet("data/prepared/test.parquet")
