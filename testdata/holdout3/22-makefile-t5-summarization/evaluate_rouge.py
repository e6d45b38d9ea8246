import argparse

import evaluate
import torch
from datasets import load_dataset
from transformers import AutoModelForSeq2SeqLM, AutoTokenizer


@torch.no_grad()
def main():
    p = argparse.ArgumentParser()
    p.add_argument("--checkpoint", default="outputs/t5-cnndm")
    p.add_argument("--test_file", default="data/test.jsonl")
    args = p.parse_args()
    tokenizer = AutoTokenizer.from_pretrained(args.checkpoint)
    model = AutoModelForSeq2SeqLM.from_pretrained(args.checkpoint).cuda().eval()
    test = load_dataset("json", data_files=args.test_file, split="train")
    rouge = evaluate.load("rouge")
    preds = []
    for i in range(0, len(test), 32):
        batch = test[i:i + 32]
        enc = tokenizer(["summarize: " + a for a in batch["article"]], max_length=512, truncation=True,
                        padding=True, return_tensors="pt").to("cuda")
        out = model.generate(**enc, num_beams=4, max_new_tokens=128, early_stopping=True)
        preds += tokenizer.batch_decode(out, skip_special_tokens=True)
    print(rouge.compute(predictions=preds, references=test["highlights"]))


if __name__ == "__main__":
    main()
