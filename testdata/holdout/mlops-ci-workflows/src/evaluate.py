import argparse

import pandas as pd
from sklearn.metrics import average_precision_score
from sklearn.model_selection import train_test_split
from xgboost import XGBClassifier

ap = argparse.ArgumentParser()
ap.add_argument("--data", required=True)
ap.add_argument("--model", required=True)
ap.add_argument("--seed", type=int, default=0)
args = ap.parse_args()
df = pd.read_csv(args.data)
y = df.pop("Class")
_, X_te, _, y_te = train_test_split(df, y, test_size=0.2, stratify=y, random_state=args.seed)
clf = XGBClassifier()
clf.load_model(args.model)
print("AUPRC", average_precision_score(y_te, clf.predict_proba(X_te)[:, 1]))
