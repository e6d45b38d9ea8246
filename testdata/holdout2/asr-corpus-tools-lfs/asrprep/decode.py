"""Beam-search decode CTC logits (.npy per utterance) with the 4-gram LM."""
import argparse
import glob
import os

import numpy as np
from pyctcdecode import build_ctcdecoder

VOCAB = [""] + list(" abcdefghijklmnopqrstuvwxyz'")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--logits-dir", required=True)
    p.add_argument("--lm", default="models/kenlm_4gram.bin")
    p.add_argument("--alpha", type=float, default=0.5)
    p.add_argument("--beta", type=float, default=1.0)
    args = p.parse_args()
    decoder = build_ctcdecoder(VOCAB, kenlm_model_path=args.lm, alpha=args.alpha, beta=args.beta)
    for path in sorted(glob.glob(os.path.join(args.logits_dir, "*.npy"))):
        print(os.path.basename(path)[:-4], decoder.decode(np.load(path), beam_width=64))


if __name__ == "__main__":
    main()
