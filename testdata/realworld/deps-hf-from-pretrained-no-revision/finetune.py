import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, set_seed

BASE = "meta-llama/Llama-2-7b-hf"


def main():
    set_seed(0)
    tokenizer = AutoTokenizer.from_pretrained(BASE)
    model = AutoModelForCausalLM.from_pretrained(BASE, torch_dtype=torch.bfloat16)
    print(model.config.num_hidden_layers, tokenizer.eos_token)


if __name__ == "__main__":
    main()
