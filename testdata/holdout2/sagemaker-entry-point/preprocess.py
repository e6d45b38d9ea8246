"""SageMaker Processing step: raw review CSVs -> tokenisable datasets on S3."""
import glob
import os

import pandas as pd
from datasets import Dataset

IN_DIR = "/opt/ml/processing/input"
OUT_DIR = "/opt/ml/processing/output"


def main():
    df = pd.concat([pd.read_csv(f) for f in sorted(glob.glob(f"{IN_DIR}/*.csv"))], ignore_index=True)
    df = df.dropna(subset=["review_body", "star_rating"]).drop_duplicates("review_id")
    df["label"] = df["star_rating"].astype(int) - 1
    df = df.rename(columns={"review_body": "text"})[["text", "label"]]
    test = df[df.index % 10 == 0]
    train = df[df.index % 10 != 0]
    Dataset.from_pandas(train, preserve_index=False).save_to_disk(os.path.join(OUT_DIR, "train"))
    Dataset.from_pandas(test, preserve_index=False).save_to_disk(os.path.join(OUT_DIR, "test"))


if __name__ == "__main__":
    main()
