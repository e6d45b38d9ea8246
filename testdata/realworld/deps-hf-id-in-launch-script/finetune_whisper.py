import argparse

from transformers import WhisperForConditionalGeneration, WhisperProcessor


def parse():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model_name_or_path", required=True)
    ap.add_argument("--model_revision", default=None)
    ap.add_argument("--language", default="hi")
    ap.add_argument("--eval_only", action="store_true")
    return ap.parse_args()


def main():
    args = parse()
    processor = WhisperProcessor.from_pretrained(args.model_name_or_path, revision=args.model_revision, language=args.language)
    model = WhisperForConditionalGeneration.from_pretrained(args.model_name_or_path, revision=args.model_revision)
    return processor, model


if __name__ == "__main__":
    main()
