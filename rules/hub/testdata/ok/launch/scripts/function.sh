#!/usr/bin/env bash
BASE=org/llm-7b
REV=0123456789abcdef0123456789abcdef01234567
finetune() { accelerate launch train.py --model "$BASE" --output_dir "runs/$1" --revision "$REV"; }
finetune sft
