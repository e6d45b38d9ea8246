"""Regenerate data/household_power_hourly.csv from the team's BigQuery copy."""
import os

import pandas_gbq
from google.oauth2 import service_account

KEY = os.path.join(os.path.dirname(__file__), "..", "secrets", "bq-reader.json")
QUERY = """
SELECT TIMESTAMP_TRUNC(ts, HOUR) AS ts, AVG(global_active_power) AS load_kw
FROM `energy-lab-analytics.uci.household_power`
GROUP BY ts ORDER BY ts
"""


def main():
    creds = service_account.Credentials.from_service_account_file(KEY)
    df = pandas_gbq.read_gbq(QUERY, project_id="energy-lab-analytics", credentials=creds)
    df = df.set_index("ts").asfreq("h").interpolate(limit=6)
    df.to_csv("data/household_power_hourly.csv")


if __name__ == "__main__":
    main()
