import joblib
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.pipeline import Pipeline

train = pd.read_parquet(snakemake.input[0])
X, y = train.drop(columns=["pam50"]), train["pam50"]
model = Pipeline([
    ("select", SelectKBest(f_classif, k=snakemake.params.n_genes)),
    ("rf", RandomForestClassifier(n_estimators=1000, class_weight="balanced", n_jobs=snakemake.threads,
                                  random_state=snakemake.params.seed)),
])
model.fit(X, y)
joblib.dump(model, snakemake.output[0])
