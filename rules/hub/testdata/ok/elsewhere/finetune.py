import argparse

from transformers import AutoModelForCausalLM, AutoTokenizer


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model_name_or_path", required=True)
    p.add_argument("--revision", default=None)
    p.add_argument("--tokenizer", default=None)
    args = p.parse_args()
    tok = AutoTokenizer.from_pretrained(args.tokenizer or args.model_name_or_path, revision=args.revision)
    model = AutoModelForCausalLM.from_pretrained(args.model_name_or_path, revision=args.revision)
    # a different repository, not a sibling of the loads above
    ref = AutoModelForCausalLM.from_pretrained("./reference")
    return tok, model, ref


if __name__ == "__main__":
    main()
