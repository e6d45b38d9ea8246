#!/usr/bin/env bash
if [ -d runs/sft/last ]; then python train.py --model runs/sft/last; else python train.py --model org/llm-7b --revision 0123456789abcdef0123456789abcdef01234567; fi
