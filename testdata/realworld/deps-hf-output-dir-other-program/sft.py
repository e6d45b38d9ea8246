import argparse

from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments, set_seed


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--output_dir", default="sft-out")
    p.add_argument("--epochs", type=int, default=3)
    args = p.parse_args()
    set_seed(0)
    model = get_peft_model(
        AutoModelForCausalLM.from_pretrained("org/tiny-llm-1b"),
        LoraConfig(r=8, target_modules=["q_proj", "v_proj"]),
    )
    trainer = Trainer(model=model, args=TrainingArguments(args.output_dir, num_train_epochs=args.epochs, seed=0))
    trainer.train()
    trainer.save_model(args.output_dir)


if __name__ == "__main__":
    main()
