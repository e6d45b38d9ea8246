import argparse

import torch
from datasets import load_dataset
from peft import LoraConfig
from transformers import AutoModelForCausalLM, AutoTokenizer, TrainingArguments, set_seed
from trl import SFTTrainer


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--model_name_or_path", default="mistralai/Mistral-7B-v0.1")
    p.add_argument("--dataset_name", default="HuggingFaceH4/ultrachat_200k")
    p.add_argument("--output_dir", default="out/sft")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--gradient_accumulation_steps", type=int, default=8)
    return p.parse_args()


def main():
    args = parse_args()
    set_seed(args.seed)
    tok = AutoTokenizer.from_pretrained(args.model_name_or_path)
    tok.pad_token = tok.eos_token
    model = AutoModelForCausalLM.from_pretrained(
        args.model_name_or_path, torch_dtype=torch.bfloat16, attn_implementation="flash_attention_2"
    )
    train = load_dataset(args.dataset_name, split="train_sft")
    lora = LoraConfig(r=16, lora_alpha=32, lora_dropout=0.05, target_modules="all-linear", task_type="CAUSAL_LM")
    targs = TrainingArguments(
        output_dir=args.output_dir, per_device_train_batch_size=4, learning_rate=2e-4,
        gradient_accumulation_steps=args.gradient_accumulation_steps, num_train_epochs=1,
        bf16=True, logging_steps=10, save_strategy="epoch", seed=args.seed, report_to="wandb",
    )
    trainer = SFTTrainer(model=model, args=targs, train_dataset=train, peft_config=lora,
                         tokenizer=tok, max_seq_length=2048, packing=True)
    trainer.train()
    trainer.save_model(args.output_dir)


if __name__ == "__main__":
    main()
