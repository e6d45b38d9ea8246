import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.model_selection import train_test_split

np.random.seed(42)
df = pd.read_csv("data/churn.csv")
X_train, X_test, y_train, y_test = train_test_split(df.drop(columns="churn"), df["churn"], test_size=0.2)
clf = GradientBoostingClassifier(n_estimators=300, subsample=0.8)
clf.fit(X_train, y_train)
print("accuracy:", clf.score(X_test, y_test))
