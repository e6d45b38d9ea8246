import argparse

from peft import AutoPeftModelForCausalLM

p = argparse.ArgumentParser()
p.add_argument("--adapter", default="sft-out")
args = p.parse_args()
model = AutoPeftModelForCausalLM.from_pretrained(args.adapter)
print(model.generate(max_new_tokens=32, do_sample=False))
