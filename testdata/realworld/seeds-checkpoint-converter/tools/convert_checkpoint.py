"""Convert an original checkpoint to our naming scheme."""
import argparse

import torch

RENAMES = {"module.backbone.": "encoder.", "module.head.": "classifier."}


def convert(src, dst):
    state = torch.load(src, map_location=torch.device("cuda" if torch.cuda.is_available() else "cpu"))
    state = state.get("state_dict", state)
    out = {}
    for key, value in state.items():
        for old, new in RENAMES.items():
            if key.startswith(old):
                key = new + key[len(old):]
        out[key] = value.half() if value.is_floating_point() else value
    torch.save(out, dst)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("src")
    parser.add_argument("dst")
    args = parser.parse_args()
    convert(args.src, args.dst)
