import argparse

from transformers import AutoModelForCausalLM, AutoTokenizer


def parse_args(argv=None):
    p = argparse.ArgumentParser(description="supervised fine-tuning")
    p.add_argument("--model", type=str, required=True, help="a Hub id or a local checkpoint")
    p.add_argument("--revision", type=str, default=None, help="the commit of --model")
    p.add_argument("--output_dir", type=str, default="runs/sft")
    p.add_argument("--prompt", type=str, default="")
    return p.parse_args(argv)


def main():
    args = parse_args()
    tok = AutoTokenizer.from_pretrained(args.model, revision=args.revision)
    model = AutoModelForCausalLM.from_pretrained(args.model, revision=args.revision)
    return tok, model


if __name__ == "__main__":
    main()
