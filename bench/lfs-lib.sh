# Shared by the LFS bench scripts (bench/lfs-push-pull.sh,
# bench/lfs-faults.sh); source it, do not run it.

# hermetic_git DIR: git with no inherited GIT_* settings, a private HOME
# under DIR, no prompts, and a credential helper that answers user
# "bench", password "bench" (the server's bootstrap admin).
hermetic_git() {
	for v in $(env | sed -n 's/^\(GIT_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$v"; done
	export HOME="$1/home" GIT_CONFIG_NOSYSTEM=1 GIT_TERMINAL_PROMPT=0
	export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.com
	export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.com
	mkdir -p "$HOME"
	git config --global init.defaultBranch main
	git config --global credential.helper '!f() { test "$1" = get && echo username=bench && echo password=bench; }; f'
	git lfs install --skip-repo >/dev/null
}

# serve LOG CMD...: start the server command CMD (which must log JSON to
# stderr and listen on 127.0.0.1:0) with the bench admin; sets server_pid
# and addr once the server logged its address.
serve() {
	local log=$1
	shift
	GIT_REPRO_LFS_USER=bench GIT_REPRO_LFS_PASSWORD=bench "$@" 2>"$log" &
	server_pid=$!
	addr=""
	for _ in $(seq 200); do
		addr=$(sed -n 's/.*"msg":"serving Git LFS".*"addr":"\([^"]*\)".*/\1/p' "$log")
		[ -n "$addr" ] && return 0
		sleep 0.05
	done
	echo "server did not start:" >&2
	cat "$log" >&2
	exit 1
}
