import lightgbm as lgb
import numpy as np
import pandas as pd
from catboost import CatBoostRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import KFold

from features import add_features

SEED = 42
df = pd.read_csv("data/train.csv")
df = add_features(df)
target = df.pop("yield")
X = df.drop(columns=["id"])

kf = KFold(n_splits=5, shuffle=True)
oof = np.zeros(len(X))
for fold, (tr, va) in enumerate(kf.split(X)):
    lgbm = lgb.LGBMRegressor(
        n_estimators=2000, learning_rate=0.02, num_leaves=31,
        objective="mae", random_state=SEED,
    )
    lgbm.fit(X.iloc[tr], target.iloc[tr], eval_set=[(X.iloc[va], target.iloc[va])],
             callbacks=[lgb.early_stopping(100, verbose=False)])
    cat = CatBoostRegressor(iterations=3000, loss_function="MAE", random_seed=SEED, verbose=0)
    cat.fit(X.iloc[tr], target.iloc[tr])
    oof[va] = 0.6 * lgbm.predict(X.iloc[va]) + 0.4 * cat.predict(X.iloc[va])
    lgbm.booster_.save_model(f"models/lgbm_fold{fold}.txt")
    cat.save_model(f"models/cat_fold{fold}.cbm")
    print(fold, mean_absolute_error(target.iloc[va], oof[va]))

print("CV MAE", mean_absolute_error(target, oof))
pd.DataFrame({"id": df["id"], "oof": oof}).to_csv("oof.csv", index=False)
