import argparse
import os

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=os.environ.get("MODEL_DIR", "checkpoints/base"))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    torch.manual_seed(args.seed)
    tok = AutoTokenizer.from_pretrained(args.model)
    model = AutoModelForCausalLM.from_pretrained(args.model)
    batch = tok(["Hello"], return_tensors="pt")
    print(model.generate(**batch, max_new_tokens=8, do_sample=False))


if __name__ == "__main__":
    main()
