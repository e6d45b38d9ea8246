import pandas as pd

cb = pd.read_csv("submission_catboost.csv")
ridge = pd.read_csv("submission_ridge.csv")
out = cb.copy()
out["SalePrice"] = 0.7 * cb["SalePrice"] + 0.3 * ridge["SalePrice"]
out.to_csv("submission.csv", index=False)
print(out.describe())
