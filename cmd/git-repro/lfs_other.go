//go:build !unix

package main

// execLFS runs git-repro-lfs as a child process (no exec(2) here).
func execLFS(c *CLI, exe string, args []string) int { return runChild(c, exe, args) }
