import argparse

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

ap = argparse.ArgumentParser()
ap.add_argument("--emb", required=True)
args = ap.parse_args()
d = np.load(args.emb)
tr, te = d["split"] == "train", d["split"] == "test"
scaler = StandardScaler().fit(d["emb"][tr])
clf = LogisticRegression(max_iter=5000, C=0.1, random_state=0)
clf.fit(scaler.transform(d["emb"][tr]), d["labels"][tr])
print(f"test accuracy {clf.score(scaler.transform(d['emb'][te]), d['labels'][te]):.3f}")
