#!/usr/bin/env bash
# Usage: bench/init-trace.sh [RUNS]
# Package initialisation of the binary every git hook starts: runs
# "git-repro version" RUNS times with GODEBUG=inittrace=1 and prints the
# median initialiser time and the bytes allocated (deterministic) of
# git-repro's own packages (what TestInitAllocations budgets) and of every
# package (dependencies and the runtime included).
# BENCH_BASELINE=BIN also traces another git-repro binary (e.g. one built
# from main), interleaved with this tree's.
set -euo pipefail
runs=${1:-51}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
(cd "$root" && CGO_ENABLED=0 go build -o "$work/git-repro" ./cmd/git-repro)
python3 - "$runs" "$work/git-repro" ${BENCH_BASELINE:+"$BENCH_BASELINE"} <<'PY'
import os, statistics, subprocess, sys
runs, bins = int(sys.argv[1]), sys.argv[2:]
mod = "github.com/git-repro/git-repro/"
sets = {"git-repro's packages": lambda p: p.startswith(mod),
        "every package": lambda p: True}
env = dict(os.environ, GODEBUG="inittrace=1")
res = {b: {s: ([], 0, 0) for s in sets} for b in bins}
for _ in range(runs):  # interleave so drift hits all equally
    for b in bins:
        trace = subprocess.run([b, "version"], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True, check=True).stderr
        for s, want in sets.items():
            ms = nbytes = allocs = 0
            for line in trace.splitlines():
                f = line.split()  # init PKG @T ms, T ms clock, N bytes, N allocs
                if len(f) == 11 and f[0] == "init" and want(f[1]):
                    ms, nbytes, allocs = ms + float(f[4]), nbytes + int(f[7]), allocs + int(f[9])
            res[b][s][0].append(ms)
            res[b][s] = (res[b][s][0], nbytes, allocs)
for b in bins:
    print(b if b != bins[0] else "this tree")
    for s, (ms, nbytes, allocs) in res[b].items():
        print("  %-22s %6.2f ms  %10d bytes %7d allocs" % (s, statistics.median(ms), nbytes, allocs))
PY
