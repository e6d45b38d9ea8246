from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import KFold, train_test_split
import sklearn.cluster as cl


def fit(X, y):
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
    clf = RandomForestClassifier(n_estimators=100)
    clf.fit(X_train, y_train)
    folds = KFold(n_splits=5, shuffle=True)
    plain = KFold(n_splits=5)  # no shuffle: deterministic, not flagged
    km = cl.KMeans(n_clusters=3)
    return clf, folds, plain, km
