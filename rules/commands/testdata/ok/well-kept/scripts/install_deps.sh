#!/bin/sh
set -eu
# Third-party sources, each at a reviewed commit or release.
git clone https://github.com/facebookresearch/xformers.git vendor/xformers
cd vendor/xformers
git checkout 042abc8aa47d1f5bcc2e82df041811de218924ba
pip install --no-build-isolation -e .
cd ../..
git clone --depth 1 --branch v2.5.6 https://github.com/Dao-AILab/flash-attention.git vendor/flash-attention
(cd vendor/flash-attention && pip install --no-build-isolation .)
git clone --revision=0123456789abcdef0123456789abcdef01234567 https://github.com/acme/tools.git vendor/tools
git clone "$EXTRA_URL" "$EXTRA_DIR" && git -C "$EXTRA_DIR" checkout "$EXTRA_SHA"
git clone https://github.com/NVIDIA/apex.git && cd apex && git reset --hard 810ffae374a2b9cb4b5c5e28eaeca7d7998fca0c && pip install -v --no-build-isolation .
uv pip install -r ../requirements.txt
