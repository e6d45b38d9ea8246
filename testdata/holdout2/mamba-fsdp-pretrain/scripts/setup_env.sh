#!/usr/bin/env bash
# causal-conv1d and mamba-ssm ship CUDA kernels; build them for the local
# GPU architecture from their release tags instead of the generic wheels.
set -euo pipefail
export MAX_JOBS=${MAX_JOBS:-8}

git clone --depth 1 --branch v1.2.0.post2 https://github.com/Dao-AILab/causal-conv1d.git build/causal-conv1d
pip install --no-build-isolation ./build/causal-conv1d

git clone --depth 1 --branch v1.2.0.post1 https://github.com/state-spaces/mamba.git build/mamba
pip install --no-build-isolation ./build/mamba
