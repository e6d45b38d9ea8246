package main

import (
	"fmt"
	"io"
	"os"

	"github.com/git-repro/git-repro/internal/cli"
)

// Exit codes, as git-repro's (internal/cli): 0 clean, 1 findings (corrupt
// objects, damaged ones), 2 bad usage or configuration, 3 failure.
const (
	ExitClean    = cli.ExitClean
	ExitFindings = cli.ExitFindings
	ExitUsage    = cli.ExitUsage
	ExitFailure  = cli.ExitFailure
)

// CLI holds the process's streams so tests can run commands in-process.
type CLI struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

// Command is one subcommand (internal/cli). The table in commands() is
// the whole registry.
type Command = cli.Command[*CLI]

func commands() []*Command {
	return []*Command{
		serveCommand,
		agentCommand,
		setupCommand,
		fsckCommand,
		gcCommand,
		versionCommand,
	}
}

var program = &cli.Program[*CLI]{
	Name:     "git-repro-lfs",
	Display:  "git repro lfs",
	Intro:    "git-repro-lfs is the Git-LFS-compatible content store of git-repro: an LFS server, a standalone transfer agent, and maintenance commands.",
	Commands: commands,
}

func usageErrorf(format string, args ...any) error { return cli.UsageErrorf(format, args...) }

func (c *CLI) fail(err error) int { return cli.Fail(c.Stderr, "git-repro-lfs", err) }

// Main runs the command line and returns the exit code.
func (c *CLI) Main(argv []string) int { return program.Main(c, c.Stdout, c.Stderr, argv) }

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

var versionCommand = &Command{
	Name:  "version",
	Usage: "version",
	Short: "print the version",
	Run: func(c *CLI, _ any, _ []string) int {
		fmt.Fprintf(c.Stdout, "git-repro-lfs %s\n", cli.BuildVersion(version))
		return ExitClean
	},
}

// getenv is the CLI's environment, or the process's.
func (c *CLI) getenv() func(string) string {
	if c.Getenv != nil {
		return c.Getenv
	}
	return os.Getenv
}
