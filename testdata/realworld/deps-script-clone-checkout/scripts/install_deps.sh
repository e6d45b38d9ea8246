#!/usr/bin/env bash
set -euxo pipefail
mkdir -p third_party
git clone https://github.com/facebookresearch/pytorch3d.git third_party/pytorch3d
git -C third_party/pytorch3d checkout 2f11ddc5ee7d6bd56f2fb6744a16776fab6536f7
pip install --no-build-isolation -e third_party/pytorch3d
git clone --depth 1 --branch v2.5.6 https://github.com/Dao-AILab/flash-attention.git third_party/flash-attention
(cd third_party/flash-attention && pip install --no-build-isolation .)
