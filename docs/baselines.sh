#!/usr/bin/env bash
# Measures the baselines of docs/baselines.md on this machine: one-core
# SHA-256, FastCDC chunking and the chunked store's ingest (the ceilings the
# LFS pages compare with), and git's staged diff against go-git opening the
# index of a 100,000-file repository (why the pre-commit path asks git).
#
# usage: docs/baselines.sh [NFILES] [RUNS]     (default: 100000 11)
# needs: go, git, python3. Run it on a quiet machine: under load every
# figure drops, the ratios much less.
set -euo pipefail
n=${1:-100000}; runs=${2:-11}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"

echo "== one core: SHA-256, FastCDC (64 KiB average), SHA-256 + FastCDC + BLAKE3 ingest"
go test -run '^$' -bench '^BenchmarkSHA256$' -benchtime 2s ./lfsstore | grep '^Benchmark'
go test -run '^$' -bench '^BenchmarkCut$' -benchtime 2s ./lfsstore/cdc | grep '^Benchmark'
go test -run '^$' -bench '^BenchmarkIngestVsSHA256$' ./lfsstore/chunked | grep '^Benchmark'

echo "== $n-file repository, 10 files staged: git's staged diff vs go-git's index decode (median ms of $runs)"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
bench/genrepo.sh "$work/repo" "$n" >/dev/null
gitms=$(cd "$work/repo" && python3 - "$runs" <<'PY'
import statistics, subprocess, sys, time
ts = []
for _ in range(int(sys.argv[1])):
    t = time.perf_counter()
    subprocess.run(["git", "diff", "--cached", "--name-only"], stdout=subprocess.DEVNULL, check=True)
    ts.append((time.perf_counter() - t) * 1000)
print("%.1f" % statistics.median(ts))
PY
)
gogitms=$(go run docs/baselines-gogit.go "$work/repo" "$runs")
echo "git diff --cached --name-only: $gitms ms"
echo "go-git open + decode the index: $gogitms ms ($(awk -v a="$gogitms" -v b="$gitms" 'BEGIN { printf "%.1f", a / b }')x git)"
