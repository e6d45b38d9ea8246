#!/usr/bin/env bash
# 5,000 ImageNet validation images (5 per class) for the accuracy check after each rebuild.
set -euo pipefail

mkdir -p data/val5k
curl -L -o data/imagenet_val_5k.tar https://storage.imagenet-mirror.org/subsets/imagenet_val_5k.tar
tar -xf data/imagenet_val_5k.tar -C data/val5k
