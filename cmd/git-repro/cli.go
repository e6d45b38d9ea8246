package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// Exit codes. They are part of the user contract: hooks and CI rely on them.
const (
	ExitClean    = 0 // no findings at or above --fail-on
	ExitFindings = 1 // findings at or above --fail-on
	ExitUsage    = 2 // bad usage or bad configuration
	ExitFailure  = 3 // the tool itself failed (I/O, git, network)
)

// CLI holds the process's streams so tests can run commands in-process.
type CLI struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
}

// Command is one subcommand: data plus a Run function. The table in
// commands() is the whole registry; nothing registers itself in init().
type Command struct {
	Name  string // "check"
	Usage string // "check [flags] [PATH...]"
	Short string // one line for the command list
	Long  string // shown by --help
	// SetFlags declares the command's flags on fs and returns the value
	// Run receives; it may be nil for commands without flags.
	SetFlags func(fs *pflag.FlagSet) any
	// Run executes the command. opts is what SetFlags returned; args are
	// the positional arguments. It returns an exit code.
	Run func(c *CLI, opts any, args []string) int
	// Subcommands, when set, makes this a group ("lfs serve"): the first
	// argument picks one of them and Run is not used.
	Subcommands func() []*Command
}

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

// usageError marks errors that should exit with ExitUsage.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// exitCode maps an error to the exit code convention, printing it.
func (c *CLI) fail(err error) int {
	fmt.Fprintf(c.Stderr, "git-repro: %v\n", err)
	var ue *usageError
	if errors.As(err, &ue) {
		return ExitUsage
	}
	return ExitFailure
}

// Main runs the command line and returns the exit code.
func (c *CLI) Main(argv []string) int {
	args := argv[1:]
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) == 2 && args[0] == "help" {
			return c.Main([]string{argv[0], args[1], "--help"})
		}
		c.printUsage(c.Stdout)
		return ExitClean
	}
	if args[0] == "--version" {
		args[0] = "version"
	}
	for _, cmd := range commands() {
		if cmd.Name == args[0] {
			return c.runCommand(cmd, args[1:])
		}
	}
	fmt.Fprintf(c.Stderr, "git-repro: unknown command %q\n", args[0])
	c.printUsage(c.Stderr)
	return ExitUsage
}

func (c *CLI) runCommand(cmd *Command, args []string) int {
	if cmd.Subcommands != nil {
		return c.runGroup(cmd, args)
	}
	fs := pflag.NewFlagSet(cmd.Name, pflag.ContinueOnError)
	fs.SetOutput(c.Stderr)
	fs.SortFlags = false
	var opts any
	if cmd.SetFlags != nil {
		opts = cmd.SetFlags(fs)
	}
	// The usage is printed on request (--help, to stdout), not after every
	// typo: a parse error gets one line and a pointer to --help.
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			c.commandHelp(c.Stdout, cmd, fs)
			return ExitClean
		}
		fmt.Fprintf(c.Stderr, "git-repro %s: %v\nrun \"git repro %s --help\" for usage\n", cmd.Name, err, cmd.Name)
		return ExitUsage
	}
	return cmd.Run(c, opts, fs.Args())
}

func (c *CLI) commandHelp(w io.Writer, cmd *Command, fs *pflag.FlagSet) {
	fmt.Fprintf(w, "usage: git repro %s\n\n", cmd.Usage)
	long := cmd.Long
	if long == "" {
		long = cmd.Short
	}
	fmt.Fprintln(w, strings.TrimSpace(long))
	if fs.HasFlags() {
		fmt.Fprintf(w, "\nflags:\n%s", fs.FlagUsages())
	}
}

func (c *CLI) printUsage(w io.Writer) {
	fmt.Fprint(w, "git-repro makes machine-learning repositories reproducible.\n\nusage: git repro <command> [flags] [args]\n\ncommands:\n")
	for _, cmd := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", cmd.Name, cmd.Short)
	}
	fmt.Fprint(w, "\nRun \"git repro <command> --help\" for a command's flags.\n")
}

func (c *CLI) runGroup(group *Command, args []string) int {
	subs := group.Subcommands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		w := c.Stdout
		if len(args) == 0 {
			w = c.Stderr
		}
		fmt.Fprintf(w, "usage: git repro %s\n\n%s\n\ncommands:\n", group.Usage, strings.TrimSpace(group.Long))
		for _, s := range subs {
			fmt.Fprintf(w, "  %-10s %s\n", s.Name, s.Short)
		}
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitClean
	}
	for _, s := range subs {
		if s.Name == args[0] {
			sub := *s
			sub.Usage = group.Name + " " + s.Usage
			return c.runCommand(&sub, args[1:])
		}
	}
	fmt.Fprintf(c.Stderr, "git-repro: unknown command %q for %q\n", args[0], group.Name)
	return ExitUsage
}
