#!/usr/bin/env bash
# usage: default.sh [model] [output dir]
MODEL=${1:-org/llm-7b}
OUT=${2:-runs/sft}
torchrun --nproc_per_node 8 train.py --model "$MODEL" --output_dir "$OUT"
