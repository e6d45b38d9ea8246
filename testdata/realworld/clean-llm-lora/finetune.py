import argparse

import yaml
from accelerate import Accelerator
from accelerate.utils import set_seed
from datasets import load_dataset
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, AutoTokenizer

BASE = "Qwen/Qwen2-0.5B"
BASE_REVISION = "ff3a49fac17555b8dfc4db6709f480cc8f16a9fe"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--config", default="configs/lora.yaml")
    args = parser.parse_args()
    with open(args.config) as f:
        cfg = yaml.safe_load(f)
    accelerator = Accelerator()
    set_seed(cfg["seed"])
    tok = AutoTokenizer.from_pretrained(BASE, revision=BASE_REVISION)
    model = AutoModelForCausalLM.from_pretrained(BASE, revision=BASE_REVISION)
    model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, target_modules=["q_proj", "v_proj"]))
    data = load_dataset("b-mc2/sql-create-context", split="train", revision=cfg["dataset_revision"])
    model = accelerator.prepare(model)
    print(len(data), tok.eos_token)
    model.save_pretrained("adapters/qwen-lora")


if __name__ == "__main__":
    main()
