import os

import joblib
import matplotlib.pyplot as plt
import shap

from features import load


def main():
    model = joblib.load("models/hgb_best.joblib")
    X, _ = load()
    background = X.sample(500)
    explainer = shap.Explainer(lambda d: model.predict_proba(d)[:, 1], background)
    values = explainer(X.sample(2000))
    os.makedirs("reports", exist_ok=True)
    shap.plots.beeswarm(values, max_display=15, show=False)
    plt.tight_layout()
    plt.savefig("reports/shap_summary.png", dpi=150)


if __name__ == "__main__":
    main()
