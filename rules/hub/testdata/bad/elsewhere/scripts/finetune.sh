#!/usr/bin/env bash
set -euo pipefail
BASE="org/llm-7b"   # the base model
export OUT=runs/sft

accelerate launch --num_processes 8 finetune.py \
  --model_name_or_path "$BASE" \
  --output_dir=$OUT
