"""Top-1/top-5 of a served model on data/val5k (labels in data/val5k/labels.txt)."""
import argparse
import os

import numpy as np
import tritonclient.http as httpclient


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="classify")
    p.add_argument("--url", default="localhost:8000")
    args = p.parse_args()
    client = httpclient.InferenceServerClient(url=args.url)
    labels = dict(line.split() for line in open("data/val5k/labels.txt"))
    top1 = top5 = 0
    for name, label in sorted(labels.items()):
        data = np.frombuffer(open(os.path.join("data/val5k", name), "rb").read(), dtype=np.uint8)
        inp = httpclient.InferInput("image_bytes", [1, data.size], "UINT8")
        inp.set_data_from_numpy(data[None, :])
        logits = client.infer(args.model, [inp]).as_numpy("logits")[0].astype(np.float32)
        order = np.argsort(-logits)
        top1 += int(order[0] == int(label))
        top5 += int(int(label) in order[:5])
    print(f"top-1 {100 * top1 / len(labels):.2f}  top-5 {100 * top5 / len(labels):.2f}")


if __name__ == "__main__":
    main()
