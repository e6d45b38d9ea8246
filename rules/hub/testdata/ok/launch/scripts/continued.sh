#!/usr/bin/env bash
accelerate launch train.py --model org/llm-7b \
  --prompt "a photo of \
    sks dog" --revision 0123456789abcdef0123456789abcdef01234567
