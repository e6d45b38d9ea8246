#!/usr/bin/env bash
set -euxo pipefail
mkdir -p third_party
git clone https://github.com/facebookresearch/pytorch3d.git third_party/pytorch3d
git -C third_party/pytorch3d checkout 2f11ddc5ee7d6bd56f2fb6744a16776fab6536f7
pip install --no-build-isolation -e third_party/pytorch3d
git clone --depth 1 --branch v2.5.6 https://github.com/Dao-AILab/flash-attention.git third_party/flash-attention
git clone https://github.com/NVIDIA/cutlass.git third_party/cutlass
(cd third_party/cutlass && pip install .)
git clone "$TOOLS_URL" "$TOOLS_DIR" && git -C "$TOOLS_DIR" checkout "$TOOLS_SHA"
git clone https://github.com/mcordts/cityscapesScripts.git && cd cityscapesScripts && python setup.py build_ext install
