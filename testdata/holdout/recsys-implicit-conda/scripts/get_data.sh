#!/usr/bin/env bash
set -euo pipefail
mkdir -p data && cd data
curl -fsSLO https://files.grouplens.org/datasets/movielens/ml-20m.zip
echo "cd245b17a1ae2cc31bb14903e1204af3  ml-20m.zip" | md5sum -c -
unzip -q ml-20m.zip
