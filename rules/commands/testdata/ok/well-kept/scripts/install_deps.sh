#!/usr/bin/env bash
set -euo pipefail
git clone https://github.com/facebookresearch/pytorch3d.git third_party/pytorch3d
git -C third_party/pytorch3d checkout 2f11ddc5ee7d6bd56f2fb6744a16776fab6536f7
pip install --no-build-isolation -e third_party/pytorch3d
git clone --depth 1 --branch v2.5.6 https://github.com/Dao-AILab/flash-attention.git third_party/flash-attention
(cd third_party/flash-attention && pip install --no-build-isolation .)
git clone --revision=0123456789abcdef0123456789abcdef01234567 https://github.com/acme/tools.git third_party/tools
git clone "$EXTRA_URL" "$EXTRA_DIR" && git -C "$EXTRA_DIR" checkout "$EXTRA_SHA"
git clone https://github.com/NVIDIA/apex.git && cd apex && git reset --hard 810ffae374a2b9cb4b5c5e28eaeca7d7998fca0c && pip install -v --no-build-isolation .
uv pip install -r requirements.txt
pip install --require-hashes -r requirements.txt
