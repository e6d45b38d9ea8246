#!/usr/bin/env bash
# Chunking and ingest throughput, each against SHA-256 on one core in the
# same run (PERF.md: SHA-256 ~1645 MB/s, FastCDC ~2077 MB/s here).
#
#   bash bench/cdc.sh            # 10 iterations each
#   COUNT=3 bash bench/cdc.sh    # repeat for benchstat
set -euo pipefail
cd "$(dirname "$0")/.."
count=${COUNT:-1}
go test -run '^$' -bench '^BenchmarkCut' -benchtime 20x -count "$count" ./lfsstore/cdc
go test -run '^$' -bench '^(BenchmarkSHA256OneCore|BenchmarkIngest|BenchmarkIngestVsSHA256|BenchmarkPutDir)$' -benchtime 10x -count "$count" -timeout 30m ./lfsstore/chunked
