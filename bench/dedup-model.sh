#!/usr/bin/env bash
# Deduplication between two versions of a real model file: Tesseract's
# English model as shipped in the npm package @tesseract.js-data/eng@1.0.0
# (4.0.0/eng.traineddata, 23.5 MB: legacy + LSTM; 4.0.0_best_int/
# eng.traineddata, 5.2 MB: integer LSTM). Fetched with npm pack.
#
#   bash bench/dedup-model.sh
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent @tesseract.js-data/eng@1.0.0 >/dev/null && tar xzf ./*.tgz &&
	gunzip package/4.0.0/eng.traineddata.gz package/4.0.0_best_int/eng.traineddata.gz)
GIT_REPRO_MODEL_A="$tmp/package/4.0.0_best_int/eng.traineddata" \
GIT_REPRO_MODEL_B="$tmp/package/4.0.0/eng.traineddata" \
	go test -count 1 -run '^TestRealModelPair$' -v ./lfsstore/chunked | grep -E 'A |B |plain|ok|FAIL'
