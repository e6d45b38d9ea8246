#!/usr/bin/env bash
set -euo pipefail
MODEL=org/llm-7b
# what evaluation reads back later
cat > run.env <<ENV
MODEL=checkpoints/last
ENV
python train.py --model "$MODEL" --output_dir runs/sft
