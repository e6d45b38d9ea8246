#!/usr/bin/env bash
# Download three LibriSpeech subsets and verify them before unpacking.
set -euo pipefail
DATA_DIR=${1:-data/raw}
mkdir -p "$DATA_DIR"
for part in dev-clean test-clean train-clean-100; do
  wget -c "https://www.openslr.org/resources/12/${part}.tar.gz" -P "$DATA_DIR"
done
(cd "$DATA_DIR" && sha256sum -c "$OLDPWD/checksums/librispeech.sha256")
for part in dev-clean test-clean train-clean-100; do
  tar -xzf "$DATA_DIR/${part}.tar.gz" -C "$DATA_DIR"
done
