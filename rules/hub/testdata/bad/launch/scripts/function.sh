#!/usr/bin/env bash
BASE=org/llm-7b
finetune() { accelerate launch train.py --output_dir "runs/$1" --model "$BASE"; }
finetune sft
