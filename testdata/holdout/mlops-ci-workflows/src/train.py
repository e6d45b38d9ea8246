import argparse
import os

import pandas as pd
from sklearn.model_selection import train_test_split
from xgboost import XGBClassifier

ap = argparse.ArgumentParser()
ap.add_argument("--data", required=True)
ap.add_argument("--out", default="models")
ap.add_argument("--seed", type=int, default=0)
args = ap.parse_args()
df = pd.read_csv(args.data)
y = df.pop("Class")
X_tr, _, y_tr, _ = train_test_split(df, y, test_size=0.2, stratify=y, random_state=args.seed)
clf = XGBClassifier(n_estimators=400, max_depth=6, scale_pos_weight=(y_tr == 0).sum() / (y_tr == 1).sum(),
                    random_state=args.seed)
clf.fit(X_tr, y_tr)
os.makedirs(args.out, exist_ok=True)
clf.save_model(os.path.join(args.out, "model.json"))
