// Package hooks writes, chains and removes git-repro's git hooks.
//
// "git repro install" puts a small POSIX shell script in the repository's
// hooks directory (core.hooksPath honoured: the directory comes from "git
// rev-parse --git-path hooks"). The script runs "git-repro hook <name>"
// with the binary $REPRO_BIN names, else the one that installed it (its
// absolute path is recorded in the script), else git-repro on PATH, and
// then runs the hook that was there before. The recorded binary comes
// before PATH so that the hook does not depend on the PATH a GUI client,
// the pre-commit framework or a test gives it.
//
// Existing hooks are never clobbered: a hook that is not ours is renamed
// to "<name>.repro-chained" beside ours, unchanged (bytes, mode, symlink),
// and our script runs it after its own check with the same arguments and
// standard input. Uninstall renames it back, so the directory ends exactly
// as it was. Both operations are idempotent.
//
// Git LFS owns pre-push, post-checkout, post-commit and post-merge and
// refuses (loudly, exit 2) to overwrite a hook it does not recognise. The
// pre-commit hook never collides with it; the optional pre-push hook chains
// git-lfs's hook when git-lfs was installed first, and its header tells the
// user how to re-chain when "git lfs install" runs afterwards.
//
// hooks runs the git binary; it must not import go-git (only gitx does),
// action or lfsstore.
package hooks
