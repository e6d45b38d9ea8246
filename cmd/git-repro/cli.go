package main

import (
	"context"
	"io"

	"github.com/git-repro/git-repro/internal/cli"
)

// Exit codes. They are part of the user contract: hooks and CI rely on them.
const (
	ExitClean    = cli.ExitClean    // no findings at or above --fail-on
	ExitFindings = cli.ExitFindings // findings at or above --fail-on
	ExitUsage    = cli.ExitUsage    // bad usage or bad configuration
	ExitFailure  = cli.ExitFailure  // the tool itself failed (I/O, git, network)
)

// CLI holds the process's streams so tests can run commands in-process.
type CLI struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// Ctx ends the run: main cancels it on SIGINT and SIGTERM, which kills
	// the git processes the run started (they run in their own process
	// group, so a terminal's Ctrl-C does not reach them itself). Nil means
	// context.Background().
	Ctx context.Context
}

// ctx returns the run's context.
func (c *CLI) ctx() context.Context {
	if c.Ctx == nil {
		return context.Background()
	}
	return c.Ctx
}

// Command is one subcommand: data plus a Run function (internal/cli). The
// table in commands() is the whole registry; nothing registers itself in
// init().
type Command = cli.Command[*CLI]

func commands() []*Command {
	return []*Command{
		checkCommand,
		rulesCommand,
		explainCommand,
		initCommand,
		installCommand,
		uninstallCommand,
		hookCommand,
		reportCommand,
		badgeCommand,
		actionCommand,
		lfsCommand,
		versionCommand,
	}
}

var program = &cli.Program[*CLI]{
	Name:     "git-repro",
	Display:  "git repro",
	Intro:    "git-repro makes machine-learning repositories reproducible.",
	Commands: commands,
}

func usageErrorf(format string, args ...any) error { return cli.UsageErrorf(format, args...) }

// fail prints err and maps it to the exit code convention.
func (c *CLI) fail(err error) int { return cli.Fail(c.Stderr, "git-repro", err) }

// Main runs the command line and returns the exit code.
func (c *CLI) Main(argv []string) int { return program.Main(c, c.Stdout, c.Stderr, argv) }
