#!/bin/sh
# Tokenizer throughput on python3's standard library (the differential test
# corpus): ours (go test -bench) and CPython's own tokenize module on the same
# files, measured in the same run so the ratio is meaningful.
# Usage: bench/tokenizer.sh [benchtime]   (default 10x)
set -eu
cd "$(dirname "$0")/.."
PY=${GIT_REPRO_PYTHON:-python3}
echo "== git-repro parse/python Tokenize"
go test -run '^$' -bench 'BenchmarkTokenizeStdlib' -benchtime "${1:-10x}" -count 3 -benchmem ./parse/python | grep -E 'Benchmark|files'
echo "== CPython $($PY -c 'import sys;print(sys.version.split()[0])') tokenize module, same corpus"
"$PY" -I - <<'PYEOF'
import io, os, sysconfig, time, tokenize
root = sysconfig.get_paths()["stdlib"]
srcs = []
for d, dirs, files in os.walk(root):
    dirs[:] = sorted(x for x in dirs if x not in ("site-packages", "__pycache__") and "lib2to3" not in x)
    for f in sorted(files):
        if f.endswith(".py") and "bad" not in f:
            with open(os.path.join(d, f), "rb") as fh:
                srcs.append(fh.read())
total = sum(map(len, srcs))
best = bestcpu = None
for _ in range(3):
    t0, c0 = time.perf_counter(), time.process_time()
    for s in srcs:
        try:
            for _t in tokenize.tokenize(io.BytesIO(s).readline):
                pass
        except Exception:
            pass
    dt, dc = time.perf_counter() - t0, time.process_time() - c0
    best = dt if best is None else min(best, dt)
    bestcpu = dc if bestcpu is None else min(bestcpu, dc)
print("%d files, %d bytes: %.2f MB/s, %.2f cpu-MB/s (best of 3)" % (len(srcs), total, total / best / 1e6, total / bestcpu / 1e6))
PYEOF
