#!/usr/bin/env bash
set -euo pipefail
CONFIG=${1:-configs/cifar10.yaml}
python pretrain.py --config "$CONFIG"
