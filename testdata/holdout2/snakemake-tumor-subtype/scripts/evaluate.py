import json

import joblib
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
from sklearn.metrics import ConfusionMatrixDisplay, balanced_accuracy_score, f1_score

test = pd.read_parquet(snakemake.input.test)
model = joblib.load(snakemake.input.model)
X, y = test.drop(columns=["pam50"]), test["pam50"]
pred = model.predict(X)
json.dump({"balanced_accuracy": balanced_accuracy_score(y, pred), "macro_f1": f1_score(y, pred, average="macro")},
          open(snakemake.output.metrics, "w"), indent=2)
ConfusionMatrixDisplay.from_predictions(y, pred, xticks_rotation=45)
plt.tight_layout()
plt.savefig(snakemake.output.confusion, dpi=150)
