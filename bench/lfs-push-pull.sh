#!/usr/bin/env bash
# Push and pull throughput of the real git-lfs client against the LFS
# server (git-repro-lfs serve; "git-repro lfs serve" in trees from before
# the binary was split off) on loopback, compared with the single-core
# SHA-256 throughput measured in the same run (the server hashes every
# byte it receives, so SHA-256 on one core is the ingest ceiling).
#
# usage: bench/lfs-push-pull.sh [FILES] [MIB_PER_FILE]    (default: 3 256)
#   SRC=DIR    build the server from another checkout (a before/after pair
#              in one session: SRC=/path/to/main, then this tree)
#   STORE=chunked  serve a chunked store (--store file://...) instead of
#              the plain one under --root
# needs: go, git, git-lfs. Uses about 5 x FILES x MIB_PER_FILE of disk in $TMPDIR.
set -euo pipefail

files=${1:-3}
mib=${2:-256}
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/lfs-bench.XXXXXX")
server_pid=""
cleanup() {
	if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
mbps() { awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f", b / s / 1e6 }'; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

src=${SRC:-$top}
if [ -d "$src/cmd/git-repro-lfs" ]; then
	(cd "$src" && go build -o "$work/git-repro-lfs" ./cmd/git-repro-lfs)
	server_cmd=("$work/git-repro-lfs" serve)
else
	(cd "$src" && go build -o "$work/git-repro" ./cmd/git-repro)
	server_cmd=("$work/git-repro" lfs serve)
fi
store=()
if [ "${STORE:-plain}" = chunked ]; then store=(--store "file://$work/chunks"); fi
(cd "$top" && go test -c -o "$work/lfsstore.test" ./lfsstore)
# Single-core SHA-256 MB/s, measured before and after the transfers.
sha256_mbps() { "$work/lfsstore.test" -test.run '^$' -test.bench '^BenchmarkSHA256$' -test.benchtime 2s | awk '/^BenchmarkSHA256/ { printf "%.0f", $(NF-1) }'; }
sha_before=$(sha256_mbps)

. "$top/bench/lfs-lib.sh"
hermetic_git "$work"
serve "$work/server.log" "${server_cmd[@]}" --root "$work/store" "${store[@]}" --listen 127.0.0.1:0 --log-format json
url="http://$addr/bench/data.git/info/lfs"
git config --global "lfs.$url.locksverify" true

git init -q --bare "$work/remote.git"
git init -q "$work/src"
cd "$work/src"
git lfs track '*.bin' >/dev/null
printf '[lfs]\n\turl = %s\n' "$url" >.lfsconfig
for i in $(seq "$files"); do head -c $((mib << 20)) /dev/urandom >"f$i.bin"; done
git add . && git commit -q -m data
git remote add origin "$work/remote.git"
bytes=$((files * mib << 20))

t0=$(now); git push -q origin main >"$work/push.out" 2>"$work/push.err"; t1=$(now)
push_s=$(secs "$t0" "$t1")

GIT_LFS_SKIP_SMUDGE=1 git clone -q "$work/remote.git" "$work/dst"
cd "$work/dst"
t0=$(now); git lfs fetch origin main >/dev/null 2>&1; t1=$(now); git lfs checkout >/dev/null 2>&1; t2=$(now)
fetch_s=$(secs "$t0" "$t1")
pull_s=$(secs "$t0" "$t2")
for i in $(seq "$files"); do cmp -s "f$i.bin" "$work/src/f$i.bin" || { echo "f$i.bin differs after pull" >&2; exit 1; }; done

sha_after=$(sha256_mbps)
sha=$(( (sha_before + sha_after) / 2 ))

push=$(mbps "$bytes" "$push_s")
fetch=$(mbps "$bytes" "$fetch_s")
pull=$(mbps "$bytes" "$pull_s")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "server built from $src ($(git -C "$src" rev-parse --short HEAD 2>/dev/null || echo 'not a git checkout')), ${STORE:-plain} store"
echo "git-lfs $(git lfs version | sed 's/ .*//;s/git-lfs\///'), $files x $mib MiB = $((bytes >> 20)) MiB over loopback, $(nproc) cores"
echo "push (git push, upload + verify):     ${push_s}s  $push MB/s  = $(ratio "$push" "$sha") x SHA-256"
echo "fetch (git lfs fetch, download only): ${fetch_s}s  $fetch MB/s  = $(ratio "$fetch" "$sha") x SHA-256"
echo "pull (fetch + checkout):              ${pull_s}s  $pull MB/s  = $(ratio "$pull" "$sha") x SHA-256"
echo "SHA-256 one core (BenchmarkSHA256):   $sha MB/s (mean of $sha_before before and $sha_after after)"
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg) (ratios are only comparable on a quiet machine)"
