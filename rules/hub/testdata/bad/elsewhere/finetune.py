import argparse

from transformers import AutoModelForCausalLM, AutoProcessor, AutoTokenizer


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model_name_or_path", required=True)
    p.add_argument("--model-revision", default=None)
    p.add_argument("--dataset", default=None)
    args = p.parse_args()
    name, rev = args.model_name_or_path, args.model_revision
    tok = AutoTokenizer.from_pretrained(name, revision=rev)
    model = AutoModelForCausalLM.from_pretrained(name, revision=rev, torch_dtype="auto")
    proc = AutoProcessor.from_pretrained(name)
    return tok, model, proc


if __name__ == "__main__":
    main()
