#!/usr/bin/env bash
if [ "${STAGE:-sft}" = sft ]; then python train.py --model org/llm-7b; fi
