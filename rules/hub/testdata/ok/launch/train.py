import argparse

from transformers import AutoModelForCausalLM, AutoTokenizer

parser = argparse.ArgumentParser(description="supervised fine-tuning")
parser.add_argument("--model", required=True, help="a Hub id or a local checkpoint")
parser.add_argument("--revision", help="the commit of --model")
parser.add_argument("--output_dir", default="runs/sft")
parser.add_argument("--prompt", default="")
args = parser.parse_args()

model = AutoModelForCausalLM.from_pretrained(args.model, revision=args.revision)
tokenizer = AutoTokenizer.from_pretrained(args.model, revision=args.revision)
