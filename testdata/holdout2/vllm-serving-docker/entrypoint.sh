#!/usr/bin/env bash
set -euo pipefail
python scripts/prefetch.py
exec python -m vllm.entrypoints.openai.api_server \
    --model /models/served \
    --served-model-name mistral-7b-instruct \
    --max-model-len "${MAX_MODEL_LEN:-16384}" \
    --gpu-memory-utilization 0.92 \
    --port 8000
