package dockerfile

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"mvdan.cc/sh/v3/syntax"
)

// Call is one simple command a shell script runs, with wrappers such as
// sudo, env and time removed.
type Call struct {
	// Args are the words. A word that is not a plain literal (it uses
	// "$VAR", "$(...)" ...) is given as its shell source text, so callers
	// can recognise it with Dynamic.
	Args []string
	// Pos are where the words start, one per word: in the Dockerfile for
	// the calls of RunScript.Parse (mapped back through line
	// continuations, heredocs and "sh -c" strings); in the script for
	// ParseShell (its first line is line 1).
	Pos []Pos
	// Line is the 1-based line of the call: for RunScript.Parse the
	// Dockerfile line of the command's name; for ParseShell the line of
	// the statement inside the script (for a call inside "sh -c '...'",
	// the line of the sh).
	Line int
	// Redirs are the call's redirections, e.g. {">", "=1.2"} for the
	// unquoted "pip install numpy>=1.2", which the shell reads as
	// "pip install numpy" writing to the file "=1.2".
	Redirs []Redir
	// Nested is set for calls inside "sh -c" / "bash -c" strings.
	Nested bool
}

// ArgPos returns where Args[i] is written (the call's line, column 0, when
// that is not known).
func (c Call) ArgPos(i int) Pos {
	if i >= 0 && i < len(c.Pos) && c.Pos[i].Line > 0 {
		return c.Pos[i]
	}
	return Pos{Line: c.Line}
}

// Redir is one redirection of a call.
type Redir struct {
	Op   string // ">", ">>", "<", ...
	Word string
}

// Dynamic reports whether a word depends on expansions the shell does at
// build time ($VAR, $(...), globs are not counted).
func Dynamic(word string) bool { return strings.ContainsAny(word, "$`") }

// Name returns the base name of the command the call runs ("pip3" for
// "/usr/local/bin/pip3"), or "".
func (c Call) Name() string {
	if len(c.Args) == 0 {
		return ""
	}
	return path.Base(c.Args[0])
}

// PipeToShell is a download piped into an interpreter:
// "curl -fsSL URL | sh", or run through "sh -c "$(curl URL)"".
type PipeToShell struct {
	Fetch Call // the curl or wget call
	Shell Call // the interpreter it feeds
}

// Script is what a RUN line runs.
type Script struct {
	Calls []Call
	Pipes []PipeToShell
}

// maxNesting bounds "sh -c" inside "sh -c" recursion.
const maxNesting = 4

// ParseShell parses a POSIX/bash script with mvdan.cc/sh and returns its
// simple commands in source order. A syntax error is returned as an Error
// with the script line, together with nothing else.
func ParseShell(src string) (*Script, error) {
	s := &Script{}
	if err := s.parse(src, lineMap(src, 1), 0, false); err != nil {
		return nil, err
	}
	return s, nil
}

// maxBrackets bounds how deeply a script may nest parentheses and braces
// (subshells, command substitutions, groups, ${...}). The shell parser
// recurses once per level and this package prints nested words once per
// enclosing command, so a hostile script of nested "$(" costs time and
// memory quadratic in its depth (10,000 levels, 20 KB of text: 14 s and
// 950 MB); real scripts nest a handful of levels.
const maxBrackets = 200

// TooDeep reports a script that nests brackets more than maxBrackets
// deep, with the error message for it: such a script is not handed to
// the shell parser.
func TooDeep(src string) (string, bool) {
	if d := bracketDepth(src); d > maxBrackets {
		return fmt.Sprintf("brackets nested %d deep (more than %d): not read", d, maxBrackets), true
	}
	return "", false
}

// bracketDepth returns the deepest nesting of ( and { in src, counted
// without regard to quotes (an upper bound of what the parser sees).
func bracketDepth(src string) int {
	depth, deepest := 0, 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '(', '{':
			depth++
			deepest = max(deepest, depth)
		case ')', '}':
			if depth > 0 {
				depth--
			}
		}
	}
	return deepest
}

// parse walks src, whose offsets m maps to the file. precise places the
// calls of nested "sh -c" scripts at their own words; otherwise they, and
// Call.Line, keep the line of the statement (ParseShell's contract).
func (s *Script) parse(src string, m *SourceMap, depth int, precise bool) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = Error{Line: m.At(0).Line, Msg: fmt.Sprintf("the shell parser failed: %v", v)}
		}
	}()
	if msg, deep := TooDeep(src); deep {
		return Error{Line: m.At(0).Line, Msg: msg}
	}
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(src), "")
	if err != nil {
		var pe syntax.ParseError
		if errors.As(err, &pe) {
			return Error{Line: m.At(int(pe.Pos.Offset())).Line, Msg: pe.Text}
		}
		return Error{Line: m.At(0).Line, Msg: err.Error()}
	}
	syntax.Walk(f, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Stmt:
			ce, ok := n.Cmd.(*syntax.CallExpr)
			if !ok || len(ce.Args) == 0 {
				return true
			}
			c, skipped := newCall(ce.Args, m)
			if len(c.Args) == 0 {
				return true
			}
			c.Nested = depth > 0
			if !precise {
				c.Line = m.At(int(n.Pos().Offset())).Line
			}
			for _, r := range n.Redirs {
				if r.Word != nil {
					c.Redirs = append(c.Redirs, Redir{Op: r.Op.String(), Word: wordText(r.Word)})
				}
			}
			s.Calls = append(s.Calls, c)
			if IsShell(c.Name()) || c.Name() == "eval" {
				// sh -c "$(curl URL)" and bash <(curl URL)
				for _, w := range ce.Args {
					if fetch, ok := fetchInside(w, m); ok {
						if !precise {
							fetch.Line = c.Line
						}
						s.Pipes = append(s.Pipes, PipeToShell{Fetch: fetch, Shell: c})
					}
				}
				if i, ok := dashC(c.Args); ok && depth < maxNesting {
					w := ce.Args[skipped+i]
					sub := m.Sub(int(n.Pos().Offset()), false)
					if precise {
						sub = wordMap(w, m)
					}
					// Errors inside the string are not the Dockerfile's
					// syntax errors: the rules see what parses.
					_ = s.parse(c.Args[i], sub, depth+1, precise)
				}
			}
		case *syntax.BinaryCmd:
			if n.Op != syntax.Pipe && n.Op != syntax.PipeAll {
				return true
			}
			sh, ok := firstCall(n.Y, m)
			if !ok || !IsInterpreter(sh.Name()) {
				return true
			}
			if fetch, ok := findFetch(n.X, m); ok {
				if !precise {
					fetch.Line = m.At(int(n.X.Pos().Offset())).Line
					sh.Line = m.At(int(n.Y.Pos().Offset())).Line
				}
				s.Pipes = append(s.Pipes, PipeToShell{Fetch: fetch, Shell: sh})
			}
		}
		return true
	})
	return nil
}

// newCall makes a call of the words of a simple command, wrappers
// removed; skipped is how many leading words the wrappers took.
func newCall(words []*syntax.Word, m *SourceMap) (c Call, skipped int) {
	args := make([]string, len(words))
	pos := make([]Pos, len(words))
	for i, w := range words {
		args[i] = wordText(w)
		pos[i] = m.At(int(w.Pos().Offset()))
	}
	c.Args = unwrap(args)
	skipped = len(args) - len(c.Args)
	c.Pos = pos[skipped:]
	if len(c.Pos) > 0 {
		c.Line = c.Pos[0].Line
	}
	return c, skipped
}

// wordMap maps the text of a word (after quote removal) to the file: the
// bytes of a single-quoted string, or of a literal or double-quoted
// string without escapes, are the file's bytes; anything else maps to the
// word's start.
func wordMap(w *syntax.Word, m *SourceMap) *SourceMap {
	start := int(w.Pos().Offset())
	if len(w.Parts) != 1 {
		return m.Sub(start, false)
	}
	switch p := w.Parts[0].(type) {
	case *syntax.SglQuoted:
		if !p.Dollar {
			return m.Sub(start+1, true)
		}
	case *syntax.DblQuoted:
		if p.Dollar {
			break
		}
		for _, q := range p.Parts {
			if l, ok := q.(*syntax.Lit); !ok || strings.Contains(l.Value, "\\") {
				return m.Sub(start, false)
			}
		}
		return m.Sub(start+1, true)
	case *syntax.Lit:
		if !strings.Contains(p.Value, "\\") {
			return m.Sub(start, true)
		}
	}
	return m.Sub(start, false)
}

// IsShell reports whether name is a POSIX-style shell.
func IsShell(name string) bool {
	switch name {
	case "sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox":
		return true
	}
	return false
}

// IsInterpreter reports whether piping a download into name runs it as
// code: a shell, or python/perl/ruby/node reading a script from stdin.
func IsInterpreter(name string) bool {
	if IsShell(name) {
		return true
	}
	for _, p := range []string{"python", "perl", "ruby", "node", "php"} {
		if name == p || strings.HasPrefix(name, p) && strings.Trim(name[len(p):], "0123456789.") == "" {
			return true
		}
	}
	return false
}

// IsFetch reports whether name downloads a URL.
func IsFetch(name string) bool { return name == "curl" || name == "wget" }

// dashC returns the index of the script word of "sh -c SCRIPT" /
// "bash -ec SCRIPT".
func dashC(args []string) (int, bool) {
	for i := 1; i < len(args); i++ {
		a := args[i]
		if a == "--" || !strings.HasPrefix(a, "-") {
			return 0, false
		}
		if !strings.HasPrefix(a, "--") && strings.Contains(a, "c") {
			if i+1 < len(args) {
				return i + 1, true
			}
			return 0, false
		}
		if a == "-o" || a == "+o" {
			i++ // -o option-name
		}
	}
	return 0, false
}

// unwrap removes command prefixes that run their arguments as a command:
// "sudo -E pip install x" -> "pip install x".
func unwrap(args []string) []string {
	for len(args) > 0 {
		switch path.Base(args[0]) {
		case "sudo", "doas":
			args = args[1:]
			for len(args) > 0 && strings.HasPrefix(args[0], "-") {
				opt := args[0]
				args = args[1:]
				if (opt == "-u" || opt == "-g" || opt == "-C" || opt == "-D" || opt == "-h" || opt == "-p" || opt == "-U") && len(args) > 0 {
					args = args[1:]
				}
			}
		case "env":
			args = args[1:]
			for len(args) > 0 && (strings.HasPrefix(args[0], "-") || strings.Contains(args[0], "=")) {
				opt := args[0]
				args = args[1:]
				if (opt == "-u" || opt == "-C" || opt == "-S") && len(args) > 0 {
					args = args[1:]
				}
			}
		case "conda", "mamba", "micromamba", "poetry", "pipenv", "uv", "pixi":
			// "conda run -n env pip install x", "uv run --with y pip ..."
			if len(args) < 2 || args[1] != "run" {
				return args
			}
			args = args[2:]
			for len(args) > 0 && strings.HasPrefix(args[0], "-") {
				opt, _, attached := strings.Cut(args[0], "=")
				args = args[1:]
				switch opt {
				case "-n", "--name", "-p", "--prefix", "--cwd", "--with", "--python", "--env", "-e", "--project", "--directory", "--manifest-path":
					if !attached && len(args) > 0 {
						args = args[1:]
					}
				}
			}
		case "time", "nice", "nohup", "exec", "command", "stdbuf", "chronic":
			args = args[1:]
			for len(args) > 0 && strings.HasPrefix(args[0], "-") {
				opt := args[0]
				args = args[1:]
				if opt == "-n" && len(args) > 0 {
					args = args[1:]
				}
			}
		default:
			return args
		}
	}
	return args
}

// firstCall returns the first simple command of a statement (the left
// end of a pipeline or list).
func firstCall(st *syntax.Stmt, m *SourceMap) (Call, bool) {
	var out Call
	found := false
	syntax.Walk(st, func(n syntax.Node) bool {
		if found {
			return false
		}
		if ce, ok := n.(*syntax.CallExpr); ok && len(ce.Args) > 0 {
			out, _ = newCall(ce.Args, m)
			found = len(out.Args) > 0
			return false
		}
		return true
	})
	return out, found
}

// findFetch finds a curl/wget call anywhere in a node.
func findFetch(n syntax.Node, m *SourceMap) (Call, bool) {
	var out Call
	found := false
	syntax.Walk(n, func(n syntax.Node) bool {
		if found {
			return false
		}
		if ce, ok := n.(*syntax.CallExpr); ok && len(ce.Args) > 0 {
			if c, _ := newCall(ce.Args, m); len(c.Args) > 0 && IsFetch(c.Name()) {
				out, found = c, true
				return false
			}
		}
		return true
	})
	return out, found
}

// fetchInside finds curl/wget inside a word's $(...) or <(...).
func fetchInside(w *syntax.Word, m *SourceMap) (Call, bool) {
	var out Call
	found := false
	syntax.Walk(w, func(n syntax.Node) bool {
		if found {
			return false
		}
		var stmts []*syntax.Stmt
		switch n := n.(type) {
		case *syntax.CmdSubst:
			stmts = n.Stmts
		case *syntax.ProcSubst:
			stmts = n.Stmts
		default:
			return true
		}
		for _, st := range stmts {
			if c, ok := findFetch(st, m); ok && !found {
				out, found = c, true
			}
		}
		return false
	})
	return out, found
}

// wordText renders a word: quotes removed from literal parts, expansions
// kept as source text.
func wordText(w *syntax.Word) string {
	var b strings.Builder
	for _, p := range w.Parts {
		partText(&b, p)
	}
	return b.String()
}

func partText(b *strings.Builder, p syntax.WordPart) {
	switch p := p.(type) {
	case *syntax.Lit:
		// An unquoted "\x" is x; keep line continuations out.
		v := strings.ReplaceAll(p.Value, "\\\n", "")
		var out strings.Builder
		for i := 0; i < len(v); i++ {
			if v[i] == '\\' && i+1 < len(v) {
				i++
			}
			out.WriteByte(v[i])
		}
		b.WriteString(out.String())
	case *syntax.SglQuoted:
		b.WriteString(p.Value)
	case *syntax.DblQuoted:
		for _, q := range p.Parts {
			if l, ok := q.(*syntax.Lit); ok {
				b.WriteString(unescapeDouble(l.Value))
				continue
			}
			partText(b, q)
		}
	default:
		var sb strings.Builder
		if err := syntax.NewPrinter().Print(&sb, p); err == nil {
			b.WriteString(sb.String())
		} else {
			b.WriteString("$?")
		}
	}
}

// unescapeDouble removes the backslashes that escape a character inside
// double quotes: before $, `, ", \ and a newline (which it joins).
func unescapeDouble(v string) string {
	if !strings.Contains(v, "\\") {
		return v
	}
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if v[i] == '\\' && i+1 < len(v) {
			switch v[i+1] {
			case '$', '`', '"', '\\':
				i++
			case '\n':
				i++
				continue
			}
		}
		b.WriteByte(v[i])
	}
	return b.String()
}

// RunScript is one shell script a RUN instruction runs.
type RunScript struct {
	// Src is the script text.
	Src string
	// Heredoc is set when Src is the body of a heredoc ("RUN <<EOF").
	Heredoc bool
	// Exec is set for the exec form (RUN ["pip", "install", "x"]); Args
	// then holds the argv and Src is empty.
	Exec bool
	Args []string

	file    int          // the heredoc's index among the RUN's files
	m       *SourceMap   // Src to the file (set by File.Scripts)
	argMaps []*SourceMap // each exec-form argument to the file
}

// Parse parses the script into its calls. For scripts from File.Scripts
// every call and word carries its place in the Dockerfile, "sh -c"
// strings included; an exec-form "sh -c SCRIPT" is parsed as well. A
// syntax error is an Error at its Dockerfile line.
func (rs RunScript) Parse() (*Script, error) {
	s := &Script{}
	if rs.Exec {
		c := Call{Args: rs.Args, Pos: make([]Pos, len(rs.Args))}
		for i := range rs.Args {
			if i < len(rs.argMaps) {
				c.Pos[i] = rs.argMaps[i].At(0)
			}
		}
		if len(c.Pos) > 0 {
			c.Line = c.Pos[0].Line
		}
		s.Calls = append(s.Calls, c)
		if i, ok := dashC(rs.Args); ok && IsShell(c.Name()) {
			var m *SourceMap
			if i < len(rs.argMaps) {
				m = rs.argMaps[i]
			}
			if m == nil {
				m = lineMap(rs.Args[i], 1)
			}
			// What does not parse inside the string is not reported: the
			// rules see what parses.
			inner := &Script{}
			if inner.parse(rs.Args[i], m, 1, true) == nil {
				s.Calls = append(s.Calls, inner.Calls...)
				s.Pipes = append(s.Pipes, inner.Pipes...)
			}
		}
		return s, nil
	}
	m := rs.m
	if m == nil {
		m = lineMap(rs.Src, 1)
	}
	if err := s.parse(rs.Src, m, 0, true); err != nil {
		return nil, err
	}
	return s, nil
}

// RunScripts returns what a RUN instruction runs: its shell-form command
// line (with the bodies of its heredocs, as the shell reads them), the
// bodies of heredocs that are scripts (RUN <<EOF, or a heredoc fed to
// sh/bash), or its exec-form argv. Heredocs whose first line is a
// non-shell "#!" line are left out.
func RunScripts(rc *instructions.RunCommand) []RunScript {
	var out []RunScript
	if !rc.PrependShell {
		if len(rc.CmdLine) > 0 {
			out = append(out, RunScript{Exec: true, Args: rc.CmdLine})
		}
		return out
	}
	cmd := strings.TrimSpace(strings.Join(rc.CmdLine, " "))
	onlyHeredoc := false
	if hd, err := parser.ParseHeredoc(cmd); err == nil && hd != nil && len(rc.Files) == 1 && hd.Name == rc.Files[0].Name {
		onlyHeredoc = true
	}
	if !onlyHeredoc && cmd != "" {
		// The shell reads the heredocs' bodies after the command line.
		src := cmd
		for _, f := range rc.Files {
			src += "\n" + f.Data + f.Name + "\n"
		}
		out = append(out, RunScript{Src: src})
	}
	first := ""
	if fs := strings.Fields(cmd); len(fs) > 0 {
		first = path.Base(fs[0])
	}
	for i, f := range rc.Files {
		if !onlyHeredoc && !IsShell(first) {
			continue // data fed to another program (cat <<EOF > file)
		}
		body := f.Data
		if strings.HasPrefix(body, "#!") {
			line, _, _ := strings.Cut(body, "\n")
			fs := strings.Fields(strings.TrimPrefix(line, "#!"))
			interp := ""
			if len(fs) > 0 {
				interp = path.Base(fs[0])
				if interp == "env" && len(fs) > 1 {
					interp = path.Base(fs[1])
				}
			}
			if !IsShell(interp) {
				continue
			}
		}
		out = append(out, RunScript{Src: body, Heredoc: true, file: i})
	}
	return out
}

// Mounts returns the --mount options of a RUN (cache, secret, bind ...).
func Mounts(rc *instructions.RunCommand) (mounts []*instructions.Mount) {
	defer func() {
		if recover() != nil {
			mounts = nil
		}
	}()
	// The mount state is filled in by Expand; the identity expander keeps
	// the words as written.
	if err := rc.Expand(func(w string) (string, error) { return w, nil }); err != nil {
		return nil
	}
	return instructions.GetMounts(rc)
}

// BindMount is a RUN --mount=type=bind from the build context: Source is
// relative to the context ("" for its root), Target the path in the
// container.
type BindMount struct {
	Source, Target string
}

// ContextBinds returns the bind mounts of a RUN that read the build
// context (no from=).
func ContextBinds(rc *instructions.RunCommand) []BindMount {
	var out []BindMount
	for _, m := range Mounts(rc) {
		if m == nil || m.Type != instructions.MountTypeBind || m.From != "" {
			continue
		}
		out = append(out, BindMount{Source: m.Source, Target: m.Target})
	}
	return out
}
