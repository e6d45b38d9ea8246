#!/usr/bin/env bash
# Usage: bench/hook-bench.sh [NFILES] [RUNS]
# Times the installed pre-commit hook (the script "git repro install"
# writes, run as git runs it) against "git diff --cached --name-only" on a
# generated repository of NFILES files with 10 staged (bench/genrepo.sh:
# Python files and requirements.txt), in the same run, interleaved, and
# prints the medians and their ratios. The hook is also timed without its
# shell wrapper ("git-repro hook pre-commit"), and again with a changed
# Dockerfile staged too, since a staged Dockerfile makes the docker rules
# look at the whole build context. "git-repro version" times process
# start-up alone.
# BENCH_REPO=DIR reuses (and keeps) a repository genrepo.sh made earlier.
# BENCH_BASELINE=BIN also times another git-repro binary (e.g. one built from
# main) in the same interleaved runs: the installed hook runs it through
# REPRO_BIN, so both sides pay the same shell wrapper.
set -euo pipefail
n=${1:-100000}; runs=${2:-21}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin"
(cd "$root" && CGO_ENABLED=0 go build -o "$work/bin/git-repro" ./cmd/git-repro)
repo=${BENCH_REPO:-$work/repo}
[ -d "$repo/.git" ] || "$root/bench/genrepo.sh" "$repo" "$n" >/dev/null
cd "$repo"
export PATH="$work/bin:$PATH"
git-repro install >/dev/null
cp Dockerfile "$work/Dockerfile.orig"
trap 'git-repro uninstall >/dev/null; git restore --staged Dockerfile; cp "$work/Dockerfile.orig" Dockerfile; rm -rf "$work"' EXIT
measure() {
  python3 - "$runs" "${BENCH_BASELINE:-}" <<'PY'
import os, statistics, subprocess, sys, time
runs, baseline = int(sys.argv[1]), sys.argv[2]
cmds = {
    "git diff --cached --name-only": (["git", "diff", "--cached", "--name-only"], None),
    "pre-commit hook (.git/hooks)":  ([".git/hooks/pre-commit"], None),
    "git-repro hook pre-commit":     (["git-repro", "hook", "pre-commit"], None),
    "git-repro version":             (["git-repro", "version"], None),
}
if baseline:
    cmds["baseline: pre-commit hook"] = ([".git/hooks/pre-commit"], dict(os.environ, REPRO_BIN=baseline))
    cmds["baseline: hook pre-commit"] = ([baseline, "hook", "pre-commit"], None)
    cmds["baseline: version"] = ([baseline, "version"], None)
res = {}
for argv, env in cmds.values():
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm caches
for _ in range(runs):  # interleave so drift hits all equally
    for name, (argv, env) in cmds.items():
        t = time.perf_counter()
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        res.setdefault(name, []).append((time.perf_counter() - t) * 1000)
base = statistics.median(res["git diff --cached --name-only"])
for name, ts in res.items():
    m = statistics.median(ts)
    print("  %-32s %8.1f ms   %6.2fx" % (name, m, m / base))
PY
}
echo "repo: $(git ls-files | wc -l) files; $runs runs each, medians"
echo "$(git diff --cached --name-only | wc -l) staged ($(git diff --cached --name-only | tr '\n' ' ' | cut -c1-60)...):"
measure
echo "RUN python -c 'print(1)'" >> Dockerfile
git add Dockerfile
echo "$(git diff --cached --name-only | wc -l) staged (the same and a Dockerfile):"
measure
