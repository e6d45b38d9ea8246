import argparse
import csv
import json
import pathlib
import random

from tools.common import read_rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("csv")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rows = read_rows(args.csv)
    random.Random(args.seed).shuffle(rows)
    cut = int(0.9 * len(rows))
    out = pathlib.Path("splits")
    out.mkdir(exist_ok=True)
    (out / "train.json").write_text(json.dumps(rows[:cut]))
    (out / "val.json").write_text(json.dumps(rows[cut:]))
    print(csv.__name__, len(rows))


if __name__ == "__main__":
    main()
