//go:build unix

package main

import (
	"fmt"
	"os"
	"syscall"
)

// execLFS replaces this process with git-repro-lfs, so that signals
// (SIGTERM to lfs serve, SIGKILL), stdin and stdout (the agent's protocol
// with git-lfs) and the exit status are its own. Tests, whose CLI has
// streams of its own, get a child process instead.
func execLFS(c *CLI, exe string, args []string) int {
	if c.Stdin != os.Stdin || c.Stdout != os.Stdout || c.Stderr != os.Stderr {
		return runChild(c, exe, args)
	}
	err := syscall.Exec(exe, append([]string{exe}, args...), os.Environ())
	return c.fail(fmt.Errorf("run %s: %w", exe, err))
}
