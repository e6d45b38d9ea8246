import pandas as pd


def read_events(path):
    events = pd.read_csv(path, parse_dates=["ts"])
    events = events[events.kind != "synthetic"]
    return events.reset_index(drop=True), events.user_id.nunique()
