import json
import sys

import pandas as pd
from xgboost import XGBClassifier

clf = XGBClassifier()
clf.load_model("models/model.json")
for line in sys.stdin:
    row = pd.DataFrame([json.loads(line)])
    print(float(clf.predict_proba(row)[0, 1]), flush=True)
