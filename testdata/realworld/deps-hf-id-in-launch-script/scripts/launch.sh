#!/bin/bash
# Fine-tune, then evaluate the released checkpoint.
set -e
MODEL=org/whisper-small-x
LANG_CODE=hi

torchrun --nproc_per_node=4 finetune_whisper.py \
    --model_name_or_path ${MODEL} \
    --language ${LANG_CODE}

RELEASED=org/whisper-small-x-hi
RELEASED_REV=a1b2c3d4e5f60718293a4b5c6d7e8f9012345678
python finetune_whisper.py --eval_only \
    --model_name_or_path=$RELEASED --model_revision=$RELEASED_REV
