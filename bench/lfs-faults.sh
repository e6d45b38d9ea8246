#!/usr/bin/env bash
# The faults an LFS store must survive without acknowledging anything it
# cannot serve, against the real server (git-repro-lfs serve on a chunked
# store, on loopback) and the real git-lfs client:
#
#   1. kill -9 of the server in the middle of an upload;
#   2. a flipped byte in a pack that several objects share, then a push of
#      a new object that shares the damaged chunk, fsck, quarantine and a
#      re-push;
#   3. a client that stalls half-way through a PUT while gc runs.
#
# At the end every object the server acknowledged (a git push that
# succeeded, a PUT answered 200) is downloaded and hashed: the last line
# says how many were acknowledged and how many of those read back whole.
#
# usage: bench/lfs-faults.sh        needs: go, git, git-lfs, curl, jq
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/lfs-faults.XXXXXX")
server_pid=""
cleanup() {
	if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
	jobs -p | xargs -r kill 2>/dev/null || true
	[ -n "${KEEP:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

(cd "$top" && go build -o "$work/git-repro-lfs" ./cmd/git-repro-lfs)
lfs="$work/git-repro-lfs"
store="file://$work/chunks"
window=3s

. "$top/bench/lfs-lib.sh"
hermetic_git "$work"

start_server() {
	log="$work/server.$RANDOM.log"
	serve "$log" "$lfs" serve --root "$work/state" --store "$store" --listen 127.0.0.1:0 --log-format json --rate-window "$window"
	url="http://$addr/bench/faults.git/info/lfs"
	if [ -d "$work/src" ]; then git -C "$work/src" config lfs.url "$url"; fi
}
stop_server() { kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; }

oid() { sha256sum "$1" | cut -d' ' -f1; }
size() { stat -c %s "$1"; }
# href OP FILE ACTION: the href of ACTION in a batch reply for FILE.
href() {
	curl -s -u bench:bench -H 'Content-Type: application/vnd.git-lfs+json' \
		-d "{\"operation\":\"$1\",\"objects\":[{\"oid\":\"$(oid "$2")\",\"size\":$(size "$2")}]}" \
		"$url/objects/batch" | jq -r ".objects[0].actions.$3.href // empty"
}
acked=() # files whose object the server acknowledged
ack() { acked+=("$@"); }
random() { head -c "$2" /dev/urandom >"$1"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

start_server
git init -q --bare "$work/remote.git"
git init -q "$work/src"
cd "$work/src"
git lfs track '*.bin' >/dev/null
git config lfs.url "$url"
git config lfs.locksverify false
git remote add origin "$work/remote.git"
random a.bin $((8 << 20))
git add . && git commit -q -m a && git push -q origin main && ack a.bin
# b shares a's first 6 MiB: pushed after a, it reuses a's chunks.
{ head -c $((6 << 20)) a.bin; head -c $((2 << 20)) /dev/urandom; } >b.bin
git add . && git commit -q -m b && git push -q origin main && ack b.bin

echo "fault                           what happened"

# 1. kill -9 in the middle of an upload.
random big.bin $((64 << 20))
put=$(href upload big.bin upload)
curl -s -o /dev/null -w '%{http_code}' -H 'Expect:' --limit-rate 8M -T big.bin "$put" >"$work/kill.code" 2>/dev/null &
curl_pid=$!
for _ in $(seq 400); do
	n=$(find "$work/chunks/tmp" -name 'git-repro-spool-*' -size +1M 2>/dev/null | wc -l)
	[ "$n" -gt 0 ] && break
	sleep 0.05
done
kill -9 "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
wait "$curl_pid" || true
code=$(cat "$work/kill.code")
[ "$code" = 200 ] && ack big.bin
noted=$("$lfs" fsck --root "$work/state" --store "$store" | grep -c 'left by an interrupted upload' || true)
removed=$("$lfs" fsck --root "$work/state" --store "$store" --remove-leftovers | grep -c '^removed:' || true)
printf '%-31s %s\n' "kill -9 mid-upload" "PUT answered ${code/000/nothing}; fsck noted $noted leftovers, --remove-leftovers removed $removed"
start_server

# 2. A flipped byte in the pack a and b share, then a push of a new object
#    sharing the damaged chunk (after a restart: a process trusts chunks it
#    wrote itself for 10 minutes).
pack=$(find "$work/chunks/packs" -type f -size "$(size a.bin)c" | head -1)
printf '\x5a' | dd of="$pack" bs=1 seek=$((3 << 20)) conv=notrunc status=none
stop_server; start_server
{ head -c $((1 << 20)) /dev/urandom; head -c $((6 << 20)) a.bin; } >c.bin
git add . && git commit -q -m c && git push -q origin main && ack c.bin
set +e
fsck_out=$("$lfs" fsck --root "$work/state" --store "$store"); fsck_code=$?
quar_out=$("$lfs" fsck --root "$work/state" --store "$store" --quarantine)
set -e
git lfs push --all origin >/dev/null 2>&1
printf '%-31s %s\n' "bit flip in a shared pack" "fsck exit $fsck_code, $(grep -c '^corrupt object' <<<"$fsck_out") corrupt listed; --quarantine removed $(grep -c 'removed; the next push' <<<"$quar_out"); git lfs push re-uploaded them"

# 3. A client stalls half-way through a PUT while gc runs.
random stall.bin $((16 << 20))
put=$(href upload stall.bin upload)
mkfifo "$work/fifo"
curl -s -o /dev/null -w '%{http_code}' -H 'Expect:' -H "Content-Length: $(size stall.bin)" -T - "$put" <"$work/fifo" >"$work/stall.code" 2>/dev/null &
curl_pid=$!
exec 3>"$work/fifo"
head -c $((4 << 20)) stall.bin >&3
t0=$(now)
timeout 60 "$lfs" gc --store "$store" --repo "$work/remote.git" --dry-run >/dev/null; t1=$(now)
timeout 60 "$lfs" gc --store "$store" --repo "$work/remote.git" >/dev/null; t2=$(now)
# The server cuts the stalled PUT after one --rate-window without progress
# (curl, blocked on its stdin, notices only once that closes).
for _ in $(seq 600); do grep -q '"msg":"upload too slow"' "$log" && break; sleep 0.05; done
t3=$(now)
exec 3>&-
wait "$curl_pid" || true
code=$(grep '"method":"PUT"' "$log" | grep "objects/$(oid stall.bin)\"" | sed -n 's/.*"status":\([0-9]*\).*/\1/p' | tail -1)
[ "$code" = 200 ] && ack stall.bin
printf '%-31s %s\n' "stalled client during gc" "gc --dry-run $(secs "$t0" "$t1") s, gc $(secs "$t1" "$t2") s while it stalled; the server answered the PUT ${code:-nothing} $(secs "$t0" "$t3") s after the stall began"

# Every acknowledged object, downloaded and hashed.
ok=0 bad=0
for f in "${acked[@]}"; do
	get=$(href download "$f" download)
	if [ -n "$get" ] && [ "$(curl -s "$get" | sha256sum | cut -d' ' -f1)" = "$(oid "$f")" ]; then
		ok=$((ok + 1))
	else
		bad=$((bad + 1)); echo "unreadable: $f" >&2
	fi
done
echo "acknowledged objects: ${#acked[@]}, read back whole: $ok, unreadable: $bad"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$bad" = 0 ]
