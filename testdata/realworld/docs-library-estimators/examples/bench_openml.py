from sklearn.datasets import fetch_openml
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import brier_score_loss
from sklearn.model_selection import train_test_split

from calibkit import Calibrator

X, y = fetch_openml("credit-g", version=1, return_X_y=True, as_frame=False)
y = y == "good"
X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
clf = RandomForestClassifier(random_state=0).fit(X_tr, y_tr)
p = clf.predict_proba(X_te)[:, 1]
print(brier_score_loss(y_te, p), brier_score_loss(y_te, Calibrator().fit(p, y_te).predict(p)))
