package hooks

import (
	"bytes"
	"fmt"
	"strings"
)

// Names lists the hooks git-repro can install.
var Names = []string{"pre-commit", "pre-push"}

// marker is on the second line of every script we write; a hook file that
// carries it is ours.
const marker = "# git-repro-hook: "

// ChainSuffix is appended to the name of a foreign hook that we move aside
// and run after our own check ("pre-push.repro-chained").
const ChainSuffix = ".repro-chained"

// ScriptOptions parameterises a hook script.
type ScriptOptions struct {
	// Hook is "pre-commit" or "pre-push".
	Hook string
	// Binary is the absolute path of git-repro recorded at install time:
	// the hook runs it unless $REPRO_BIN names another, and falls back to
	// git-repro on PATH only when it is gone. Empty: rely on PATH.
	Binary string
	// CreatedDir records that install created the hooks directory, so
	// uninstall removes it again when it is left empty.
	CreatedDir bool
}

// Script returns the hook script. It is deterministic, so reinstalling
// with the same options rewrites identical bytes.
func Script(o ScriptOptions) []byte {
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	action, skip := "checks the staged files", "git commit --no-verify"
	if o.Hook == "pre-push" {
		action, skip = "checks the files changed since the remote branch", "git push --no-verify"
	}
	w("#!/bin/sh\n")
	w("%s%s\n", marker, o.Hook)
	w("# Installed by \"git repro install\": %s for reproducibility problems.\n", action)
	w("# Skip once: %q, or REPRO_SKIP=1 in the environment.\n", skip)
	w("# Remove: \"git repro uninstall\" (puts back the hook that was here before).\n")
	w("# A hook that was here before is kept as %s%s and runs after the check.\n", o.Hook, ChainSuffix)
	if o.Hook == "pre-push" {
		w("# Using Git LFS? If \"git lfs install\" refuses to overwrite this hook, run\n")
		w("#   git lfs update --force && git repro install --pre-push\n")
		w("# and git-repro runs git-lfs's pre-push hook after its own check.\n")
	}
	if o.CreatedDir {
		w("# git-repro-created-dir\n")
	}
	w("\nrepro_hook=%s\n", o.Hook)
	w("repro_recorded=%s\n", shellQuote(o.Binary))
	b.WriteString(scriptBody)
	return b.Bytes()
}

// scriptBody is the POSIX sh logic shared by every hook. Our check runs
// first (it is cheap and fails fast); the chained hook then runs with the
// same arguments and standard input, and its status is the hook's. Only
// pre-push reads its input (to hand it to both); nothing forks but the
// programs themselves, which matters in a hook that runs on every commit.
const scriptBody = `case "$0" in
*/*) repro_dir=${0%/*} ;;
*) repro_dir=. ;;
esac
repro_chain="$repro_dir/$repro_hook` + ChainSuffix + `"

repro_stdin=
if [ "$repro_hook" = pre-push ]; then
	repro_stdin=$(cat)
fi
repro_feed() {
	if [ -n "$repro_stdin" ]; then printf '%s\n' "$repro_stdin"; fi
}

case "${REPRO_SKIP:-}" in
"" | 0 | false | no) repro_skip= ;;
*) repro_skip=1 ;;
esac

if [ -n "$repro_skip" ]; then
	echo >&2 "git-repro: REPRO_SKIP is set; skipping the $repro_hook check"
else
	if [ -n "${REPRO_BIN:-}" ]; then
		repro=$REPRO_BIN
	elif [ -n "$repro_recorded" ] && [ -x "$repro_recorded" ]; then
		repro=$repro_recorded
	elif command -v git-repro >/dev/null 2>&1; then
		repro=git-repro
	else
		echo >&2 "git-repro: the $repro_hook hook cannot find git-repro: ${repro_recorded:+$repro_recorded is gone and }it is not on PATH."
		echo >&2 "  install it:   go install github.com/git-repro/git-repro/cmd/git-repro@latest"
		echo >&2 "  skip once:    REPRO_SKIP=1 (or --no-verify)"
		echo >&2 "  remove hook:  git repro uninstall, or delete $0"
		echo >&2 "                (and rename $repro_chain back to $repro_hook if it exists)"
		exit 1
	fi
	if [ "$repro_hook" = pre-push ]; then
		repro_feed | "$repro" hook "$repro_hook" "$@" || exit $?
	else
		"$repro" hook "$repro_hook" "$@" || exit $?
	fi
fi

if [ -x "$repro_chain" ]; then
	if [ "$repro_hook" = pre-push ]; then
		repro_feed | "$repro_chain" "$@"
		exit $?
	fi
	exec "$repro_chain" "$@"
fi
exit 0
`

// shellQuote quotes s for POSIX sh.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// IsOurs reports whether a hook file's content was written by Script.
func IsOurs(content []byte) bool {
	_, rest, ok := bytes.Cut(content, []byte("\n"))
	return ok && bytes.HasPrefix(rest, []byte(marker))
}

func createdDir(content []byte) bool {
	return bytes.Contains(content, []byte("\n# git-repro-created-dir\n"))
}
