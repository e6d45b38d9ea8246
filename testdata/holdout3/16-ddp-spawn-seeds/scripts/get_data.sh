#!/usr/bin/env bash
# Download CIFAR-10 (python version) and the CIFAR-10.1 v6 test set into $1.
set -euo pipefail
DEST=${1:-data}
mkdir -p "$DEST"
cd "$DEST"
wget -nc https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz
tar -xzf cifar-10-python.tar.gz
wget -nc https://github.com/modestyachts/CIFAR-10.1/raw/master/datasets/cifar10.1_v6_data.npy
wget -nc https://github.com/modestyachts/CIFAR-10.1/raw/master/datasets/cifar10.1_v6_labels.npy
