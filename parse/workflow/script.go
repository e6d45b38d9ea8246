package workflow

import (
	"path"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
	"mvdan.cc/sh/v3/syntax"
)

// Command is one simple command of a run: script.
type Command struct {
	// Args are the words, unquoted; a word that is not a literal (it
	// expands a variable, a ${{ }} expression, a command substitution) is
	// "" and its index is in Dynamic.
	Args    []string
	Dynamic map[int]bool
	// Line and Col locate the command's first word in the workflow file.
	Line, Col int
}

// DynamicArg stands, in ArgsFrom, for a word known only when the step
// runs; it can never be a file name, option or requirement.
const DynamicArg = "dynamic-argument"

// ArgsFrom returns the command's words from index i on, with DynamicArg
// in place of each word that is not a literal, so that option values stay
// aligned with their options.
func (c Command) ArgsFrom(i int) []string {
	var args []string
	for j := i; j < len(c.Args); j++ {
		if c.Dynamic[j] {
			args = append(args, DynamicArg)
			continue
		}
		args = append(args, c.Args[j])
	}
	return args
}

var exprRe = regexp.MustCompile(`\$\{\{.*?\}\}`)

const placeholder = "_GHE_"

// Commands parses the script of a run: value as bash and returns its simple
// commands with positions in the workflow file. src is the file content
// (used to find the indentation of block scalars). A script that does not
// parse as shell yields nil: a workflow may use another shell.
func Commands(run *yaml.Node, src []byte) []Command {
	if run == nil || run.Kind != yaml.ScalarNode {
		return nil
	}
	script := exprRe.ReplaceAllStringFunc(run.Value, func(s string) string {
		return placeholder + strings.Repeat("_", len(s)-len(placeholder))
	})
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(script), "")
	if err != nil {
		return nil
	}
	lineOff, colOf := PositionMap(run, src)
	var out []Command
	syntax.Walk(f, func(n syntax.Node) bool {
		ce, ok := n.(*syntax.CallExpr)
		if !ok || len(ce.Args) == 0 {
			return true
		}
		c := Command{Dynamic: map[int]bool{}}
		for i, w := range ce.Args {
			s, lit := literal(w)
			if !lit || strings.Contains(s, placeholder) {
				c.Dynamic[i] = true
				s = ""
			}
			c.Args = append(c.Args, s)
		}
		pos := ce.Args[0].Pos()
		c.Line = int(pos.Line()) + lineOff
		c.Col = colOf(int(pos.Line()), int(pos.Col()))
		out = append(out, c)
		return true
	})
	return out
}

// PositionMap maps the lines and columns of a run: script (1-based, as
// a shell parser of run.Value counts them) to the workflow file: the file
// line is the script line plus the returned offset.
func PositionMap(run *yaml.Node, src []byte) (int, func(line, col int) int) {
	if run.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		// One-line plain or quoted scalar: the script starts at the node.
		shift := 0
		if run.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0 {
			shift = 1
		}
		return run.Line - 1, func(line, col int) int {
			if line == 1 {
				return run.Column + shift + col - 1
			}
			return col
		}
	}
	// Block scalar: content starts on the next line, indented.
	indent := 0
	lines := strings.Split(string(src), "\n")
	for i := run.Line; i < len(lines); i++ {
		l := strings.TrimRight(lines[i], "\r")
		if strings.TrimSpace(l) == "" {
			continue
		}
		indent = len(l) - len(strings.TrimLeft(l, " \t"))
		break
	}
	return run.Line, func(line, col int) int { return indent + col }
}

// literal returns the unquoted value of a word made only of literal parts.
func literal(w *syntax.Word) (string, bool) {
	var b strings.Builder
	for _, p := range w.Parts {
		switch x := p.(type) {
		case *syntax.Lit:
			b.WriteString(unescape(x.Value))
		case *syntax.SglQuoted:
			b.WriteString(x.Value)
		case *syntax.DblQuoted:
			for _, q := range x.Parts {
				l, ok := q.(*syntax.Lit)
				if !ok {
					return "", false
				}
				b.WriteString(l.Value)
			}
		default:
			return "", false
		}
	}
	return b.String(), true
}

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

var (
	pythonRe = regexp.MustCompile(`^python(?:[0-9](?:\.[0-9]+)?)?$`)
	pipRe    = regexp.MustCompile(`^pip(?:[0-9](?:\.[0-9]+)?)?$`)
)

// PipInstallArgs recognises "pip install ...", "pip3 install", "python -m
// pip install", "uv pip install" (after sudo/env/time prefixes) and
// returns the index of the first argument after "install".
func PipInstallArgs(c Command) (int, bool) {
	a := c.Args
	i := 0
	for i < len(a) && (a[i] == "sudo" || a[i] == "env" || a[i] == "time" || a[i] == "command" || a[i] == "exec") {
		i++
	}
	if i >= len(a) {
		return 0, false
	}
	cmd := path.Base(a[i])
	switch {
	case pipRe.MatchString(cmd):
		i++
	case pythonRe.MatchString(cmd):
		i++
		for i < len(a) && strings.HasPrefix(a[i], "-") && a[i] != "-m" {
			i++
		}
		if i+1 >= len(a) || a[i] != "-m" || !pipRe.MatchString(a[i+1]) {
			return 0, false
		}
		i += 2
	case cmd == "uv":
		if i+1 >= len(a) || a[i+1] != "pip" {
			return 0, false
		}
		i += 2
	default:
		return 0, false
	}
	// Global pip options may come before the subcommand.
	for i < len(a) && strings.HasPrefix(a[i], "-") {
		i++
	}
	if i >= len(a) || a[i] != "install" {
		return 0, false
	}
	return i + 1, true
}
