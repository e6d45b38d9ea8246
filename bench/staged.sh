#!/usr/bin/env bash
# Usage: bench/staged.sh [NFILES] [RUNS]
# Times "git repro check --staged" against "git diff --cached --name-only"
# on a generated repository of NFILES files with 10 staged, in the same run,
# and prints the medians and their ratio.
set -euo pipefail
n=${1:-100000}; runs=${2:-21}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
(cd "$root" && CGO_ENABLED=0 go build -o "$work/git-repro" ./cmd/git-repro)
"$root/bench/genrepo.sh" "$work/repo" "$n" >/dev/null
cd "$work/repo"
echo "repo: $n files, $(git diff --cached --name-only | wc -l) staged; $runs runs each, medians"
python3 - "$runs" "$work/git-repro" <<'PY'
import statistics, subprocess, sys, time
runs, bin = int(sys.argv[1]), sys.argv[2]
cmds = {
    "git diff --cached --name-only": ["git", "diff", "--cached", "--name-only"],
    "git repro check --staged":      [bin, "check", "--staged", "--fail-on", "none"],
}
res = {}
for name, argv in cmds.items():
    subprocess.run(argv, stdout=subprocess.DEVNULL)  # warm the page cache
for _ in range(runs):  # interleave so drift hits both equally
    for name, argv in cmds.items():
        t = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, check=False)
        res.setdefault(name, []).append((time.perf_counter() - t) * 1000)
base = statistics.median(res["git diff --cached --name-only"])
for name, ts in res.items():
    m = statistics.median(ts)
    print("%-32s %8.1f ms   %.2fx" % (name, m, m / base))
PY
