import argparse

from transformers import AutoModelForCausalLM, AutoTokenizer


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--revision", default=None)
    p.add_argument("--output_dir", default="runs/sft")
    p.add_argument("--prompt", default="")
    args = p.parse_args()
    tok = AutoTokenizer.from_pretrained(args.model, revision=args.revision)
    model = AutoModelForCausalLM.from_pretrained(args.model, revision=args.revision)
    return tok, model


if __name__ == "__main__":
    main()
