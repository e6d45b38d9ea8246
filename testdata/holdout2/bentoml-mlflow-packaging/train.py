import mlflow
import mlflow.sklearn
from datasets import load_dataset
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report, f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline

DATASET = "acme-support/tickets-2023"
DATASET_REVISION = "cfe85943e3caf18a2420a82bb23c04bc4e37037b"
SEED = 17


def main():
    df = load_dataset(DATASET, revision=DATASET_REVISION, split="train").to_pandas()
    text = df["subject"].fillna("") + "\n" + df["body"].fillna("")
    X_train, X_test, y_train, y_test = train_test_split(
        text, df["priority"], test_size=0.2, stratify=df["priority"], random_state=SEED
    )
    pipe = Pipeline([
        ("tfidf", TfidfVectorizer(ngram_range=(1, 2), min_df=3, sublinear_tf=True, max_features=200_000)),
        ("clf", LogisticRegression(C=4.0, max_iter=2000, class_weight="balanced")),
    ])
    with mlflow.start_run(run_name="tfidf-logreg"):
        pipe.fit(X_train, y_train)
        pred = pipe.predict(X_test)
        mlflow.log_params({"C": 4.0, "ngram_range": "1-2", "min_df": 3, "seed": SEED,
                           "dataset_revision": DATASET_REVISION})
        mlflow.log_metric("macro_f1", f1_score(y_test, pred, average="macro"))
        print(classification_report(y_test, pred, digits=3))
        mlflow.sklearn.log_model(pipe, "model", registered_model_name="ticket-priority")
        mlflow.sklearn.save_model(pipe, "model-new")
    print("model written to model-new/; review it, then replace model/")


if __name__ == "__main__":
    main()
