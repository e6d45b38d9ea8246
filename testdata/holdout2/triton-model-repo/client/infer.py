import argparse

import numpy as np
import tritonclient.http as httpclient


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", default="classify")
    p.add_argument("--url", default="localhost:8000")
    p.add_argument("images", nargs="+")
    args = p.parse_args()
    client = httpclient.InferenceServerClient(url=args.url)
    for path in args.images:
        data = np.frombuffer(open(path, "rb").read(), dtype=np.uint8)
        inp = httpclient.InferInput("image_bytes", [1, data.size], "UINT8")
        inp.set_data_from_numpy(data[None, :])
        res = client.infer(args.model, [inp])
        logits = res.as_numpy("logits")[0].astype(np.float32)
        top5 = np.argsort(-logits)[:5]
        print(path, top5.tolist())


if __name__ == "__main__":
    main()
