import argparse

import torch

from kws.model import DSCNN


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--ckpt", required=True)
    p.add_argument("--out", default="kws_ds_cnn.ts")
    args = p.parse_args()
    model = DSCNN()
    model.load_state_dict(torch.load(args.ckpt, map_location="cpu"))
    model.eval()
    scripted = torch.jit.trace(model, torch.zeros(1, 1, 40, 101))
    scripted.save(args.out)


if __name__ == "__main__":
    main()
