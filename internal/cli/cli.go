package cli

import (
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/spf13/pflag"
)

// Exit codes. They are part of the user contract: hooks and CI rely on them.
const (
	ExitClean    = 0 // success; no findings at or above --fail-on
	ExitFindings = 1 // findings (or corrupt objects) found
	ExitUsage    = 2 // bad usage or bad configuration
	ExitFailure  = 3 // the tool itself failed (I/O, git, network)
)

// Command is one subcommand: data plus a Run function, for a program
// whose per-invocation state (streams, environment) is a C.
type Command[C any] struct {
	Name  string // "check"
	Usage string // "check [flags] [PATH...]"
	Short string // one line for the command list
	Long  string // shown by --help
	// SetFlags declares the command's flags on fs and returns the value
	// Run receives; it may be nil for commands without flags.
	SetFlags func(fs *pflag.FlagSet) any
	// RawArgs hands every argument to Run unparsed (a command that passes
	// them on to another program).
	RawArgs bool
	// Run executes the command. opts is what SetFlags returned; args are
	// the positional arguments. It returns an exit code.
	Run func(c C, opts any, args []string) int
	// Subcommands, when set, makes this a group ("lfs serve"): the first
	// argument picks one of them and Run is not used.
	Subcommands func() []*Command[C]
}

// Program is a binary's command table and how it names itself.
type Program[C any] struct {
	Name     string // error prefix: "git-repro"
	Display  string // how users type it: "git repro"
	Intro    string // first line of the top-level usage
	Commands func() []*Command[C]
}

// UsageError marks errors that exit with ExitUsage.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// UsageErrorf returns a *UsageError.
func UsageErrorf(format string, args ...any) error {
	return &UsageError{fmt.Sprintf(format, args...)}
}

// Fail prints err, prefixed with the program's name, and maps it to the
// exit code convention.
func Fail(stderr io.Writer, name string, err error) int {
	fmt.Fprintf(stderr, "%s: %v\n", name, err)
	var ue *UsageError
	if errors.As(err, &ue) {
		return ExitUsage
	}
	return ExitFailure
}

// Main runs the command line argv (argv[0] is the program) and returns the
// exit code.
func (p *Program[C]) Main(c C, stdout, stderr io.Writer, argv []string) int {
	args := argv[1:]
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) == 2 && args[0] == "help" {
			return p.Main(c, stdout, stderr, []string{argv[0], args[1], "--help"})
		}
		p.printUsage(stdout)
		return ExitClean
	}
	if args[0] == "--version" {
		args[0] = "version"
	}
	for _, cmd := range p.Commands() {
		if cmd.Name == args[0] {
			return p.run(c, stdout, stderr, cmd, args[1:])
		}
	}
	fmt.Fprintf(stderr, "%s: unknown command %q\n", p.Name, args[0])
	p.printUsage(stderr)
	return ExitUsage
}

func (p *Program[C]) run(c C, stdout, stderr io.Writer, cmd *Command[C], args []string) int {
	if cmd.Subcommands != nil {
		return p.runGroup(c, stdout, stderr, cmd, args)
	}
	if cmd.RawArgs {
		return cmd.Run(c, nil, args)
	}
	fs := pflag.NewFlagSet(cmd.Name, pflag.ContinueOnError)
	fs.SetOutput(stderr)
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
			p.commandHelp(stdout, cmd, fs)
			return ExitClean
		}
		fmt.Fprintf(stderr, "%s %s: %v\nrun \"%s %s --help\" for usage\n", p.Name, cmd.Name, err, p.Display, cmd.Name)
		return ExitUsage
	}
	return cmd.Run(c, opts, fs.Args())
}

func (p *Program[C]) commandHelp(w io.Writer, cmd *Command[C], fs *pflag.FlagSet) {
	fmt.Fprintf(w, "usage: %s %s\n\n", p.Display, cmd.Usage)
	long := cmd.Long
	if long == "" {
		long = cmd.Short
	}
	fmt.Fprintln(w, strings.TrimSpace(long))
	if fs.HasFlags() {
		fmt.Fprintf(w, "\nflags:\n%s", fs.FlagUsages())
	}
}

func (p *Program[C]) printUsage(w io.Writer) {
	fmt.Fprintf(w, "%s\n\nusage: %s <command> [flags] [args]\n\ncommands:\n", p.Intro, p.Display)
	for _, cmd := range p.Commands() {
		fmt.Fprintf(w, "  %-10s %s\n", cmd.Name, cmd.Short)
	}
	fmt.Fprintf(w, "\nRun \"%s <command> --help\" for a command's flags.\n", p.Display)
}

func (p *Program[C]) runGroup(c C, stdout, stderr io.Writer, group *Command[C], args []string) int {
	subs := group.Subcommands()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		w := stdout
		if len(args) == 0 {
			w = stderr
		}
		fmt.Fprintf(w, "usage: %s %s\n\n%s\n\ncommands:\n", p.Display, group.Usage, strings.TrimSpace(group.Long))
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
			return p.run(c, stdout, stderr, &sub, args[1:])
		}
	}
	fmt.Fprintf(stderr, "%s: unknown command %q for %q\n", p.Name, args[0], group.Name)
	return ExitUsage
}

// BuildVersion is the version to print: set, if the build set one with
// -ldflags "-X main.version=v1.2.3", else the module's from the build
// info, else "devel".
func BuildVersion(set string) string {
	if set != "" {
		return set
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
