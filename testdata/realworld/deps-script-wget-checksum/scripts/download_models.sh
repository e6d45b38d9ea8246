#!/bin/bash
set -euo pipefail
mkdir -p checkpoints
wget -q https://dl.fbaipublicfiles.com/segment_anything/sam_vit_b_01ec64.pth -O checkpoints/sam_vit_b.pth
curl -fsSL -o checkpoints/yolov8n.pt https://github.com/ultralytics/assets/releases/download/v8.1.0/yolov8n.pt
shasum -a 256 -c checkpoints.sha256
