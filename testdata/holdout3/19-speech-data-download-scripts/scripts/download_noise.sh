#!/usr/bin/env bash
set -euo pipefail
mkdir -p data/noise
curl -L -o data/noise/musan.tar.gz https://www.openslr.org/resources/17/musan.tar.gz
tar -xzf data/noise/musan.tar.gz -C data/noise
wget -q "https://www.dropbox.com/s/k3n9x2q7v1m4p8z/demand_16k.zip?dl=1" -O data/noise/demand.zip
unzip -q data/noise/demand.zip -d data/noise/demand
