#!/usr/bin/env bash
# Deduplication must-show at full size: 10 versions of a 256 MiB
# tensor-block checkpoint (about 10% of the tensors rewritten per version,
# version 5 with 4,099 bytes inserted in the middle) stored in a fresh
# chunked store. Prints stored/logical ("stored-%", target <= 25) and the
# new bytes the shifted version added.
#
#   bash bench/dedup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
go test -run '^$' -bench '^BenchmarkCheckpointSeries$' -benchtime 1x -timeout 30m ./lfsstore/chunked
