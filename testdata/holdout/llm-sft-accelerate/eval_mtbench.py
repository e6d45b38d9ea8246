import argparse
import json

import torch
from peft import PeftModel
from transformers import AutoModelForCausalLM, AutoTokenizer

BASE = "mistralai/Mistral-7B-v0.1"
BASE_REVISION = "26bca36bde8333b5d7f72e9ed20ccda6a618af24"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--adapter", required=True)
    p.add_argument("--questions", default="data/mt_bench_questions.jsonl")
    args = p.parse_args()
    tok = AutoTokenizer.from_pretrained(BASE, revision=BASE_REVISION)
    model = AutoModelForCausalLM.from_pretrained(BASE, revision=BASE_REVISION, torch_dtype=torch.bfloat16)
    model = PeftModel.from_pretrained(model, args.adapter).cuda().eval()
    with open("answers.jsonl", "w") as out:
        for line in open(args.questions):
            q = json.loads(line)
            ids = tok.apply_chat_template([{"role": "user", "content": q["turns"][0]}], return_tensors="pt").cuda()
            gen = model.generate(ids, max_new_tokens=512, do_sample=False)
            out.write(json.dumps({"id": q["question_id"], "answer": tok.decode(gen[0, ids.shape[1]:])}) + "\n")


if __name__ == "__main__":
    main()
