import argparse

import torch
from peft import PeftModel
from transformers import AutoModelForCausalLM, AutoTokenizer, set_seed

BASE = "Qwen/Qwen2-0.5B"
BASE_REVISION = "ff3a49fac17555b8dfc4db6709f480cc8f16a9fe"


@torch.inference_mode()
def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--adapter", required=True)
    args = parser.parse_args()
    set_seed(0)
    tok = AutoTokenizer.from_pretrained(BASE, revision=BASE_REVISION)
    model = AutoModelForCausalLM.from_pretrained(BASE, revision=BASE_REVISION)
    model = PeftModel.from_pretrained(model, args.adapter).eval()
    out = model.generate(**tok(["SELECT"], return_tensors="pt"), max_new_tokens=16, do_sample=False)
    print(tok.decode(out[0]))


if __name__ == "__main__":
    main()
