#!/usr/bin/env bash
# Builds the CUDA extensions this project needs from source.
set -e
pushd vendor
git clone https://github.com/open-mmlab/mmcv.git
git -C mmcv checkout 6a5d1ba5b5ae1e6a6ed2ef37d8f2ac3a77d3c9de
MMCV_WITH_OPS=1 pip install -e mmcv
git clone --depth 1 --branch v0.7.2 https://github.com/NVIDIA/cutlass.git cutlass-release
git clone https://github.com/NVIDIA/cutlass.git
(cd cutlass && pip install .)
popd
git clone "$TOOLS_URL" "$TOOLS_DIR" && git -C "$TOOLS_DIR" checkout "$TOOLS_SHA"
git clone https://github.com/mcordts/cityscapesScripts.git && cd cityscapesScripts && python setup.py build_ext install
