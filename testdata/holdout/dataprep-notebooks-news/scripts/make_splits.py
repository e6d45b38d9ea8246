"""Split the deduplicated corpus 98/1/1 into data/final/{train,valid,test}.jsonl."""
import numpy as np
import pandas as pd

rng = np.random.default_rng(20230601)
df = pd.read_json("data/dedup/ccnews-2023-06.jsonl", lines=True)
order = rng.permutation(len(df))
n = len(df)
cut1, cut2 = int(0.98 * n), int(0.99 * n)
for name, idx in [("train", order[:cut1]), ("valid", order[cut1:cut2]), ("test", order[cut2:])]:
    df.iloc[idx].to_json(f"data/final/{name}.jsonl", orient="records", lines=True)
    print(name, len(idx))
