#!/usr/bin/env bash
set -euo pipefail
mkdir -p data
curl -fsSL -o data/cifar-10-python.tar.gz https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz
echo "6d958be074577803d12ecdefd02955f39262c83c16fe9348329d7fe0b5c001ce  data/cifar-10-python.tar.gz" | sha256sum -c -
tar -xzf data/cifar-10-python.tar.gz -C data
