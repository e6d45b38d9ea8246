#!/usr/bin/env bash
MODEL=org/llm-7b
REV=89abcdef0123456789abcdef0123456789abcdef
python finetune.py --model_name_or_path=$MODEL --revision $REV
# a local directory the training script wrote
python finetune.py --model_name_or_path=runs/sft --revision=$REV
