import os

import pandas as pd
import sqlalchemy


def interactions(days: int) -> pd.DataFrame:
    engine = sqlalchemy.create_engine(os.environ["WAREHOUSE_DSN"])
    q = f"select user_id as user, item_id as item, ts from analytics.interactions_v3 where ts > now() - interval '{days} days'"
    return pd.read_sql(q, engine)
