import argparse
import os

import numpy as np
import tiktoken
from datasets import load_dataset

ap = argparse.ArgumentParser()
ap.add_argument("--dataset", default="Skylion007/openwebtext")
ap.add_argument("--revision", required=True)
ap.add_argument("--out", required=True)
args = ap.parse_args()
enc = tiktoken.get_encoding("gpt2")
ds = load_dataset(args.dataset, revision=args.revision, split="train", num_proc=16)
split = ds.train_test_split(test_size=0.0005, seed=2357, shuffle=True)
os.makedirs(args.out, exist_ok=True)
for name, part in [("train", split["train"]), ("val", split["test"])]:
    ids = np.concatenate([np.array(enc.encode_ordinary(t) + [enc.eot_token], dtype=np.uint16) for t in part["text"]])
    ids.tofile(os.path.join(args.out, f"{name}.bin"))
