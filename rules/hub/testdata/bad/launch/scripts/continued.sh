#!/usr/bin/env bash
accelerate launch train.py \
  --prompt "a photo of \
    sks dog" --model org/llm-7b \
  --output_dir runs/sks
