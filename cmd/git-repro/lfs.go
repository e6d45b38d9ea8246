package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// lfsCommand runs the Git LFS content store, which is a binary of its
// own (cmd/git-repro-lfs): git-repro, started by every pre-commit hook,
// stays small and starts fast, without the LFS server or the S3 client.
// "git repro lfs ARGS" runs "git-repro-lfs ARGS", so the documentation and
// the git-lfs configuration that earlier versions of "git repro lfs setup"
// wrote (path = git-repro, args = lfs agent ...) keep working.
var lfsCommand = &Command{
	Name:    "lfs",
	Usage:   "lfs <command> [flags]",
	Short:   "run the Git LFS content store (server, transfer agent, setup, fsck, gc): the git-repro-lfs binary",
	RawArgs: true,
	Run:     runLFS,
}

// lfsBinary is the content store's executable name.
const lfsBinary = "git-repro-lfs"

func runLFS(c *CLI, _ any, args []string) int {
	exe, err := findLFS()
	if err != nil {
		return c.fail(err)
	}
	return execLFS(c, exe, args)
}

// findLFS looks for git-repro-lfs beside the running git-repro first (the
// pair installed together), then on PATH.
func findLFS() (string, error) {
	name := lfsBinary
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	var beside string
	if self, err := os.Executable(); err == nil {
		beside = filepath.Join(filepath.Dir(self), name)
		if fi, err := os.Stat(beside); err == nil && fi.Mode().IsRegular() && (runtime.GOOS == "windows" || fi.Mode()&0o111 != 0) {
			return beside, nil
		}
	}
	if p, err := exec.LookPath(lfsBinary); err == nil {
		return p, nil
	}
	return "", errors.New(lfsMissing(beside))
}

func lfsMissing(beside string) string {
	where := "on PATH"
	if beside != "" {
		where = fmt.Sprintf("at %s or on PATH", beside)
	}
	return fmt.Sprintf("\"git repro lfs\" runs the %s binary, which is not installed (looked %s); install both binaries from a checkout of git-repro with \"go install ./cmd/...\"", lfsBinary, where)
}

// runChild runs exe with args as a child process on c's streams and
// returns its exit code (where the process cannot be replaced, or its
// streams are not the process's own, as in tests).
func runChild(c *CLI, exe string, args []string) int {
	cmd := exec.Command(exe, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = c.Stdin, c.Stdout, c.Stderr
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return ExitClean
	case errors.As(err, &ee) && ee.ExitCode() >= 0:
		return ee.ExitCode()
	default:
		return c.fail(fmt.Errorf("run %s: %w", exe, err))
	}
}
