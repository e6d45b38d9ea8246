"""Split the raw reviews into train and test TSVs."""
import os
import random
import sys

import yaml


def main():
    params = yaml.safe_load(open("params.yaml"))["prepare"]
    if len(sys.argv) != 3:
        sys.stderr.write("usage: python prepare.py data-file output-dir\n")
        sys.exit(1)
    random.seed(params["seed"])
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    with open(src, encoding="utf-8") as fd, \
            open(os.path.join(out, "train.tsv"), "w", encoding="utf-8") as train, \
            open(os.path.join(out, "test.tsv"), "w", encoding="utf-8") as test:
        next(fd)
        for line in fd:
            review_id, stars, text = line.rstrip("\n").split(",", 2)
            label = int(int(stars) <= 2)
            row = f"{review_id}\t{label}\t{text.replace(chr(9), ' ')}\n"
            (test if random.random() < params["split"] else train).write(row)


if __name__ == "__main__":
    main()
