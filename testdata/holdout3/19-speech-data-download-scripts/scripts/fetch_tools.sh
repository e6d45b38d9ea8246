#!/usr/bin/env bash
set -euo pipefail
mkdir -p third_party
git clone https://github.com/kaldi-asr/kaldi.git third_party/kaldi
git clone --depth 1 --branch v0.3.7 https://github.com/iver56/audiomentations.git third_party/audiomentations
curl -fsSL https://raw.githubusercontent.com/acme-speech/audio-tools/main/install.sh | bash
pip install -e third_party/audiomentations
