import argparse

import numpy as np
import pandas as pd

ap = argparse.ArgumentParser()
ap.add_argument("--week", required=True)
ap.add_argument("--k", type=int, default=50)
args = ap.parse_args()
recs = pd.read_parquet(f"/artifacts/recs_{args.week}.parquet")
truth = pd.read_parquet(f"/artifacts/holdout_{args.week}.parquet")
hits = recs.merge(truth, on=["user", "item"])
print("recall@%d" % args.k, hits.groupby("user").size().sum() / len(truth))
print("users", np.unique(truth.user).size)
