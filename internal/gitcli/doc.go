// Package gitcli is the one way git-repro runs the git binary.
//
// Every call takes a context.Context: cancelling it (a timeout in the
// Action, the end of a command) kills git, and on Unix the whole process
// group git started (git fetch runs git-remote-http, which would otherwise
// keep a stalled connection open after git is gone). Being in its own
// process group, git is not in the terminal's foreground: a command that
// could prompt (a fetch asking for credentials) must be run with
// GIT_TERMINAL_PROMPT=0, as the Action's are. A failure's error
// carries git's own standard error (bounded), the exit code and, when the
// context ended the process, the context's error, so callers can test it
// with errors.Is and errors.As.
//
// Long-running processes (cat-file --batch-command, and the pipelined
// cat-file --batch and --batch-check) are killed on the first sign of
// trouble: a malformed reply header, a short read, a reader that stops
// early. A protocol error never leaves a writer goroutine blocked on a full
// pipe while the reader waits for the process to exit.
//
// Git.Env makes a run hermetic where tests need it (gittest builds that
// environment); by default git inherits this process's environment, so
// GIT_DIR, GIT_INDEX_FILE and the user's configuration apply as they do for
// the git command the user runs.
//
// gitcli imports only the standard library. No other package of git-repro
// calls exec.Command("git", ...): internal/archtest enforces it.
package gitcli
