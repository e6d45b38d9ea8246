#!/usr/bin/env bash
set -euo pipefail

uv venv .venv --python 3.11
source .venv/bin/activate
uv pip install -r requirements.txt
# flash-attn needs torch at build time
uv pip install flash-attn --no-build-isolation
