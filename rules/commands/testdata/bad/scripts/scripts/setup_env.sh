#!/usr/bin/env bash
set -euo pipefail

uv venv .venv --python 3.11
source .venv/bin/activate
uv pip install -r requirements.txt
# flash-attn needs torch at build time
uv pip install flash-attn --no-build-isolation
install_extras() {
  pip install "deepspeed>=0.12" ninja==1.11.1.1
}
install_extras
bash -c "pip install xformers"
python -m pip install --upgrade pip
