import pandas as pd
from darts import TimeSeries
from darts.dataprocessing.transformers import Scaler
from darts.utils.timeseries_generation import datetime_attribute_timeseries

CSV = "data/household_power_hourly.csv"


def load_series():
    df = pd.read_csv(CSV, parse_dates=["ts"])
    series = TimeSeries.from_dataframe(df, time_col="ts", value_cols="load_kw", freq="h").astype("float32")
    covs = datetime_attribute_timeseries(series, "hour", one_hot=False)
    covs = covs.stack(datetime_attribute_timeseries(series, "dayofweek", one_hot=False))
    covs = covs.stack(datetime_attribute_timeseries(series, "month", one_hot=False)).astype("float32")
    return series, covs


def split(series, cutoff="2009-11-26"):
    train, test = series.split_before(pd.Timestamp(cutoff))
    scaler = Scaler()
    return scaler.fit_transform(train), scaler.transform(test), scaler
