#!/usr/bin/env bash
set -euo pipefail
MODEL=roberta-large
accelerate launch --config_file accelerate_config.yaml finetune.py \
  --model_name_or_path "$MODEL" \
  --output_dir outputs/sst2-roberta-large \
  --lr 1e-5 \
  --seed 42
