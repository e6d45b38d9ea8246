"""Hit rate @10 of the trained ranker against 99 sampled negatives per user."""
import json

import joblib
import numpy as np

from data import load_catalog, load_interactions


def hit_rate(model, test, catalog, k=10):
    hits = []
    for user, rows in test.groupby("user_id"):
        positive = rows.item_id.iloc[0]
        negatives = catalog.sample(n=99, replace=True).item_id.to_numpy()
        candidates = np.concatenate([[positive], negatives])
        scores = model.predict(np.column_stack([np.full(len(candidates), user), candidates]))
        hits.append(positive in candidates[np.argsort(-scores)[:k]])
    return float(np.mean(hits))


def main():
    model = joblib.load("models/ranker.joblib")
    _, test = load_interactions()
    catalog = load_catalog()
    with open("metrics.json", "w") as f:
        json.dump({"hit_rate@10": hit_rate(model, test, catalog)}, f)


if __name__ == "__main__":
    main()
