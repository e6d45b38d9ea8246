#!/usr/bin/env bash
export MODEL_NAME="runwayml/stable-diffusion-v1-5"
export INSTANCE_DIR="instance_images"
export OUTPUT_DIR="out"

accelerate launch train_dreambooth_lora.py \
  --pretrained_model_name_or_path=$MODEL_NAME \
  --instance_data_dir=$INSTANCE_DIR \
  --output_dir=$OUTPUT_DIR \
  --instance_prompt="a photo of sks dog" \
  --resolution=512 --train_batch_size=1 --gradient_accumulation_steps=1 \
  --learning_rate=1e-4 --lr_scheduler="constant" --max_train_steps=800 \
  --seed=0
