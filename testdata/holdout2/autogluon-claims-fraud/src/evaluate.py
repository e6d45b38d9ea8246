import json

import pandas as pd
from autogluon.tabular import TabularPredictor

test = pd.read_parquet("data/split/test.parquet")
predictor = TabularPredictor.load("models/ag")
scores = predictor.evaluate(test, silent=True)
json.dump({k: float(v) for k, v in scores.items()}, open("metrics.json", "w"), indent=2)
print(scores)
