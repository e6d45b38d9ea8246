#!/usr/bin/env bash
DEFAULT_REV=0123456789abcdef0123456789abcdef01234567
MODEL=${MODEL:-org/llm-7b}
REV=${REV:-$DEFAULT_REV}
torchrun --nproc_per_node 8 train.py --model "$MODEL" --revision "$REV"
