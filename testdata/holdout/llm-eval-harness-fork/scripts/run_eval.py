import argparse
import json
import os

import torch
import yaml
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--tasks", required=True)
    args = ap.parse_args()
    rev = yaml.safe_load(open("models.yaml"))[args.model]
    tok = AutoTokenizer.from_pretrained(args.model, revision=rev)
    model = AutoModelForCausalLM.from_pretrained(args.model, revision=rev, torch_dtype=torch.bfloat16, device_map="auto")
    model.eval()
    for task in args.tasks.split(","):
        t = yaml.safe_load(open(f"tasks/{task}.yaml"))
        ds = load_dataset(t["dataset"], t["config"], revision=t["revision"], split=t["split"])
        shots = ds.select(range(t["num_fewshot"]))
        correct = 0
        for ex in ds.select(range(t["num_fewshot"], len(ds))):
            prompt = "\n\n".join(f"Q: {s['question']}\nA: {s['answer']}" for s in shots) + f"\n\nQ: {ex['question']}\nA:"
            ids = tok(prompt, return_tensors="pt").input_ids.to(model.device)
            with torch.no_grad():
                out = model.generate(ids, max_new_tokens=t["max_new_tokens"], do_sample=False)
            correct += str(ex["answer"]).split()[-1] in tok.decode(out[0, ids.shape[1]:])
        os.makedirs(f"results/{args.model}", exist_ok=True)
        json.dump({"accuracy": correct / (len(ds) - t["num_fewshot"])}, open(f"results/{args.model}/{task}.json", "w"))


if __name__ == "__main__":
    main()
