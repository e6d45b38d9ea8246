from sklearn.datasets import fetch_openml
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from tabenc import BinEncoder

X, y = fetch_openml("adult", version=2, return_X_y=True, as_frame=False)
Z = BinEncoder().fit_transform(X[:, :4])
print(roc_auc_score(y == ">50K", LogisticRegression(max_iter=1000).fit(Z, y).predict_proba(Z)[:, 1]))
