import argparse

import torch
import transformers
from transformers import AutoConfig, AutoModelForSequenceClassification


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--config", default="configs/bert-small")
    args = parser.parse_args()
    transformers.set_seed(args.seed)
    config = AutoConfig.from_pretrained(args.config)
    model = AutoModelForSequenceClassification.from_config(config)
    head = torch.nn.Linear(config.hidden_size, 3)
    noise = torch.randn(4, config.hidden_size)
    print(model.num_parameters(), head(noise).shape)


if __name__ == "__main__":
    main()
