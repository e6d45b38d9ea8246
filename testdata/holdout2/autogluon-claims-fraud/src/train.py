import pandas as pd
import yaml
from autogluon.tabular import TabularPredictor

params = yaml.safe_load(open("params.yaml"))
p = params["train"]

train = pd.read_parquet("data/split/train.parquet")
predictor = TabularPredictor(label="fraud", eval_metric=p["eval_metric"], path="models/ag")
predictor.fit(train, presets=p["presets"], time_limit=p["time_limit"],
              ag_args_fit={"random_seed": params["seed"]})
print(predictor.leaderboard(silent=True).head(10))
