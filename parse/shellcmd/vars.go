package shellcmd

import (
	"path"
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/git-repro/git-repro/internal/lazyre"
)

// The walker keeps the variables the text has assigned so far, so that
// each command's words are given with their values (Command.Words). It
// is conservative: a value that depends on the run (a command's output,
// read, a loop, a branch that not every run takes, a sourced file, the
// caller's environment) is unknown, never guessed.

// Word is one word of a command as the shell passes it.
type Word struct {
	// Value is the word with its quotes removed and the variables the
	// text assigns expanded. When Known is false it depends on the run,
	// and Value is the word's source text, as in Command.Args.
	Value string
	// Known is set when Value is the same on every run.
	Known bool
	// Default is set when Value relies on a default the text gives for a
	// variable it does not assign ("${MODEL:-org/name}", or a variable
	// assigned from one): the value of a run whose environment leaves the
	// variable unset, which is what the script says it runs. Known is set
	// too. Only shell scripts and Markdown take such defaults; the text of
	// a Dockerfile, a Makefile, a notebook or a workflow step runs in an
	// environment that other lines of the file set.
	Default bool
	// Line and Col locate the word's first character in the file; Col is
	// 0 where the shell text is not the file's (a Makefile recipe after
	// make's expansion, a notebook line, a Dockerfile's exec form).
	Line, Col int
}

// binding is what the text has assigned to a variable: a value known
// before the run, or not (known unset).
type binding struct {
	val        string
	known, def bool // def: the value relies on a default (Word.Default)
}

// The pseudo-variables that hold the state of the positional parameters
// and the environment (names no shell variable can have).
const (
	// flagOpaque: a variable the text has not assigned may be set (by the
	// environment, a sourced file, eval), so no default is taken for it.
	flagOpaque = "#opaque"
	// flagFunc: in a function body, whose arguments are not known.
	flagFunc = "#func"
	// flagArgs: the script's arguments were changed (set --, shift).
	flagArgs = "#args"
	// anyVar in a list of names: the command may set any variable.
	anyVar = "*"
)

// env is the variables at one point of the text, with an undo log so
// that a scope (a subshell, a function body, one branch of an if) is left
// by rolling back to a mark.
type env struct {
	vars map[string]binding
	undo []change
}

type change struct {
	name string
	old  binding
	had  bool
}

func newEnv() *env { return &env{vars: map[string]binding{}} }

func (e *env) mark() int { return len(e.undo) }

// rollback undoes the changes made since mark m.
func (e *env) rollback(m int) {
	for i := len(e.undo) - 1; i >= m; i-- {
		c := e.undo[i]
		if c.had {
			e.vars[c.name] = c.old
		} else {
			delete(e.vars, c.name)
		}
	}
	e.undo = e.undo[:m]
}

// put sets a variable (had false: removes it), logging the change.
func (e *env) put(name string, b binding, had bool) {
	old, was := e.vars[name]
	e.undo = append(e.undo, change{name: name, old: old, had: was})
	if had {
		e.vars[name] = b
	} else {
		delete(e.vars, name)
	}
}

func (e *env) set(name string, b binding) { e.put(name, b, true) }

func (e *env) has(name string) bool { _, ok := e.vars[name]; return ok }

// forget makes variables unknown: names as effects lists them.
func (e *env) forget(names []string) {
	for _, n := range names {
		if n == anyVar {
			e.forgetAll()
			continue
		}
		e.set(n, binding{})
	}
}

// forgetAll makes every variable unknown, those not assigned yet too.
func (e *env) forgetAll() {
	names := make([]string, 0, len(e.vars))
	for n, b := range e.vars {
		if !strings.HasPrefix(n, "#") && b.known {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		e.set(n, binding{})
	}
	e.set(flagOpaque, binding{})
}

// alwaysSet are the variables the shell or the login sets on every run: a
// default given for one of them is not what the run gets.
var alwaysSet = map[string]bool{"HOME": true, "PWD": true, "OLDPWD": true, "PATH": true, "USER": true, "LOGNAME": true,
	"SHELL": true, "HOSTNAME": true, "HOSTTYPE": true, "OSTYPE": true, "MACHTYPE": true, "UID": true, "EUID": true,
	"PPID": true, "RANDOM": true, "SECONDS": true, "LINENO": true, "SHLVL": true, "IFS": true, "TERM": true, "LANG": true,
	"BASH": true, "BASH_VERSION": true, "BASHPID": true, "BASH_SOURCE": true, "FUNCNAME": true, "EPOCHSECONDS": true}

// unsetHere reports whether a variable the text has not assigned is taken
// to be unset, so that a default given for it is its value: a script's
// own setting, or its arguments outside a function, where nothing else
// in the file may set them.
func (e *env) unsetHere(name string) bool {
	switch {
	case e.has(flagOpaque) || alwaysSet[name]:
		return false
	case name == "0":
		return false
	case strings.Trim(name, "0123456789") == "":
		return !e.has(flagFunc) && !e.has(flagArgs)
	}
	return validName(name)
}

var nameRe = lazyre.New(`^[A-Za-z_][A-Za-z0-9_]*$`)

func validName(s string) bool { return nameRe().MatchString(s) }

// quoting is how the shell reads a word part.
type quoting int

const (
	field  quoting = iota // an unquoted command word: split and globbed
	dquote                // inside double quotes
	assign                // an assignment's value: neither split nor globbed
)

// word evaluates a word; known is false when its value depends on the run.
func (e *env) word(w *syntax.Word, q quoting) (val string, known, def bool) {
	if w == nil || len(w.Parts) == 0 {
		return "", true, false
	}
	var b strings.Builder
	known = true
	for i, part := range w.Parts {
		v, k, d := e.part(part, q, i == 0)
		if !k {
			return "", false, false
		}
		b.WriteString(v)
		def = def || d
	}
	val = b.String()
	if _, ok := w.Parts[0].(*syntax.ParamExp); ok && q == field && len(w.Parts) == 1 && val == "" {
		return "", false, false // an unquoted empty expansion is no word at all
	}
	return val, known, def
}

var (
	unescapeRe = lazyre.New(`\\(?s:(.))`)
	dquoteEsc  = strings.NewReplacer("\\$", "$", "\\`", "`", `\"`, `"`, `\\`, `\`, "\\\n", "")
	globRe     = lazyre.New(`(^|[^\\])[*?[]|\{[^}]*(,|\.\.)[^}]*\}`)
)

// part evaluates one part of a word; first is set for the word's first.
func (e *env) part(p syntax.WordPart, q quoting, first bool) (string, bool, bool) {
	switch p := p.(type) {
	case *syntax.Lit:
		if q == dquote {
			return dquoteEsc.Replace(p.Value), true, false
		}
		if first && strings.HasPrefix(p.Value, "~") || q == field && globRe().MatchString(p.Value) {
			return "", false, false // a home directory, a glob, a brace expansion
		}
		return unescapeRe().ReplaceAllStringFunc(p.Value, func(m string) string {
			if m == "\\\n" {
				return ""
			}
			return m[1:]
		}), true, false
	case *syntax.SglQuoted:
		return p.Value, !p.Dollar, false
	case *syntax.DblQuoted:
		var b strings.Builder
		def := false
		for _, x := range p.Parts {
			v, k, d := e.part(x, dquote, false)
			if !k {
				return "", false, false
			}
			b.WriteString(v)
			def = def || d
		}
		return b.String(), true, def
	case *syntax.ParamExp:
		v, k, d := e.param(p, q)
		if k && q == field && strings.ContainsAny(v, " \t\n*?[") {
			return "", false, false // split into several words, or globbed
		}
		return v, k, d
	}
	return "", false, false // $(...), $((...)), <(...) and the like
}

// param evaluates $NAME, ${NAME} and the forms that give a default:
// ${NAME:-word}, ${NAME-word}, ${NAME:=word}, ${NAME=word} (which also
// assign it), ${NAME:+word} and ${NAME+word}.
func (e *env) param(p *syntax.ParamExp, q quoting) (string, bool, bool) {
	if p.Param == nil || p.Flags != nil || p.Excl || p.Length || p.Width || p.IsSet || p.NestedParam != nil ||
		p.Index != nil || len(p.Modifiers) > 0 || p.Slice != nil || p.Repl != nil || p.Names != 0 ||
		p.Split != syntax.OptUnset || p.GlobSubst != syntax.OptUnset || p.RcExpand != syntax.OptUnset {
		return "", false, false
	}
	name := p.Param.Value
	b, set := e.vars[name]
	if !validName(name) && strings.Trim(name, "0123456789") != "" {
		set = false // $@, $#, $? ...
	}
	if p.Exp == nil {
		return b.val, set && b.known, b.def
	}
	if set && !b.known || !set && !e.unsetHere(name) {
		return "", false, false
	}
	op := p.Exp.Op
	colon := op == syntax.DefaultUnsetOrNull || op == syntax.AssignUnsetOrNull || op == syntax.AlternateUnsetOrNull
	given := set && !(colon && b.val == "")
	inner := q
	if inner == field {
		inner = assign // the word is split with the result, below
	}
	switch op {
	case syntax.DefaultUnset, syntax.DefaultUnsetOrNull, syntax.AssignUnset, syntax.AssignUnsetOrNull:
		if given {
			return b.val, true, b.def
		}
		v, k, d := e.word(p.Exp.Word, inner)
		if !k {
			return "", false, false
		}
		d = d || !set
		if op == syntax.AssignUnset || op == syntax.AssignUnsetOrNull {
			e.set(name, binding{val: v, known: true, def: d})
		}
		return v, true, d
	case syntax.AlternateUnset, syntax.AlternateUnsetOrNull:
		if !given {
			return "", true, !set
		}
		return e.word(p.Exp.Word, inner)
	}
	return "", false, false
}

// assign applies NAME=value or NAME+=value; attrs are the options of a
// declare before it ("-r", "-i" ...).
func (e *env) assign(a *syntax.Assign, attrs string) {
	if a.Name == nil {
		return
	}
	name := a.Name.Value
	if a.Array != nil || a.Index != nil || strings.ContainsAny(attrs, "aAinluc") {
		e.set(name, binding{}) // arrays, integers, namerefs, case changes
		return
	}
	v, k, d := e.word(a.Value, assign)
	if a.Append {
		old, ok := e.vars[name]
		switch {
		case ok && old.known:
			v, d = old.val+v, d || old.def
		case ok || !e.unsetHere(name):
			k = false
		}
	}
	if !k {
		e.set(name, binding{})
		return
	}
	e.set(name, binding{val: v, known: true, def: d})
}

// declare applies export, readonly, declare, typeset and local.
func (e *env) declare(d *syntax.DeclClause) {
	variant, attrs := d.Variant.Value, ""
	for _, a := range d.Args {
		switch {
		case a.Name == nil:
			v, k, _ := e.word(a.Value, field)
			if k && (strings.HasPrefix(v, "-") || strings.HasPrefix(v, "+")) {
				attrs += v[1:]
				continue
			}
			e.forgetAll() // export "$NAME=value": any variable
		case a.Naked:
			if variant == "local" || variant == "declare" || variant == "typeset" {
				e.set(a.Name.Value, binding{})
			}
		default:
			e.assign(a, attrs)
		}
	}
}

// words evaluates the words of a simple command; one that depends on the
// run has no Value here.
func (e *env) words(args []*syntax.Word) []Word {
	out := make([]Word, len(args))
	for i, a := range args {
		out[i].Value, out[i].Known, out[i].Default = e.word(a, field)
	}
	return out
}

// call applies what a simple command does to the variables, given its
// evaluated words: its assignments when it has no words, else the
// effects of the builtin or function it runs (its own assignments are
// for it alone).
func (e *env) call(ce *syntax.CallExpr, words []Word, funcs func(string) []string) {
	if len(ce.Args) == 0 {
		for _, a := range ce.Assigns {
			e.assign(a, "")
		}
		return
	}
	args := make([]string, len(words))
	for i, w := range words {
		if w.Known {
			args[i] = w.Value
		}
	}
	e.forget(effects(args, funcs))
}

// effects lists the variables a simple command may set (args are its
// words, "" for one not known before the run): read, mapfile, getopts,
// unset and printf -v set the names they are given, set -- and shift
// the script's arguments (flagArgs), a function of the text what its body
// assigns (funcs), and source and eval any variable (anyVar); a
// virtualenv or conda activation script sets none of the text's.
func effects(args []string, funcs func(string) []string) []string {
	if len(args) == 0 {
		return nil
	}
	name, rest := args[0], args[1:]
	if (name == "command" || name == "builtin") && len(rest) > 0 {
		name, rest = rest[0], rest[1:]
	}
	var out []string
	names := func(extra ...string) {
		for _, a := range rest {
			if validName(a) {
				out = append(out, a)
			}
		}
		out = append(out, extra...)
	}
	switch name {
	case "read":
		names("REPLY")
	case "mapfile", "readarray":
		names("MAPFILE")
	case "getopts":
		names("OPTARG", "OPTIND")
	case "unset":
		names()
	case "printf":
		if i := slices.Index(rest, "-v"); i >= 0 && i+1 < len(rest) && validName(rest[i+1]) {
			out = append(out, rest[i+1])
		}
	case "shift":
		out = append(out, flagArgs)
	case "set":
		// set -euo pipefail: each "o" takes an option name
		optNames := 0
		for _, a := range rest {
			switch {
			case optNames > 0:
				optNames--
			case a == "--" || a == "" || a[0] != '-' && a[0] != '+':
				return append(out, flagArgs)
			default:
				optNames = strings.Count(a, "o")
			}
		}
	case "source", ".":
		if len(rest) == 0 || !activation(rest[0]) {
			out = append(out, anyVar)
		}
	case "eval":
		out = append(out, anyVar)
	default:
		out = append(out, funcs(name)...)
	}
	return out
}

// activation reports whether a sourced file is a virtualenv's or conda's
// activation script, which sets none of the script's own variables.
func activation(p string) bool {
	base := path.Base(p)
	return base == "activate" || base == "conda.sh" || base == "mamba.sh"
}

// survey is what a parsed text assigns, read before it is walked: how
// many places assign each variable (for function bodies, which run later
// than they are written) and what each function may set.
type survey struct {
	counts map[string]int
	funcs  map[string][]string
	any    bool // a source or an eval somewhere
}

func newSurvey(f *syntax.File) *survey {
	s := &survey{counts: map[string]int{}, funcs: map[string][]string{}}
	bodies := map[string][]syntax.Node{}
	syntax.Walk(f, func(n syntax.Node) bool {
		if fd, ok := n.(*syntax.FuncDecl); ok && fd.Name != nil {
			bodies[fd.Name.Value] = append(bodies[fd.Name.Value], fd.Body)
		}
		return true
	})
	// A function sets what its body assigns and what the functions it
	// calls set; one that calls itself, directly or not, is taken to set
	// anything.
	busy := map[string]bool{}
	var resolve func(string) []string
	resolve = func(name string) []string {
		if r, ok := s.funcs[name]; ok {
			return r
		}
		if _, ok := bodies[name]; !ok {
			return nil
		}
		if busy[name] {
			return []string{anyVar}
		}
		busy[name] = true
		var r []string
		for _, b := range bodies[name] {
			r = append(r, assigned(b, resolve)...)
		}
		s.funcs[name] = r
		return r
	}
	for _, n := range assigned(f, resolve) {
		if n == anyVar {
			s.any = true
		}
		s.counts[n]++
	}
	return s
}

// lookup is what a function of the text may set.
func (s *survey) lookup(name string) []string { return s.funcs[name] }

// assigned lists, once per place, the variables a node may set; funcs
// says what a function of the text sets.
func assigned(node syntax.Node, funcs func(string) []string) []string {
	var out []string
	syntax.Walk(node, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Assign:
			if n.Name != nil {
				out = append(out, n.Name.Value)
			} else if v := n.Value.Lit(); !strings.HasPrefix(v, "-") && !strings.HasPrefix(v, "+") {
				out = append(out, anyVar)
			}
		case *syntax.WordIter:
			out = append(out, n.Name.Value)
		case *syntax.ParamExp:
			if n.Param != nil && n.Exp != nil && (n.Exp.Op == syntax.AssignUnset || n.Exp.Op == syntax.AssignUnsetOrNull) {
				out = append(out, n.Param.Value)
			}
		case *syntax.BinaryArithm:
			if s := n.Op.String(); strings.HasSuffix(s, "=") && s != "==" && s != "!=" && s != "<=" && s != ">=" {
				out = append(out, arithName(n.X))
			}
		case *syntax.UnaryArithm:
			if n.Op == syntax.Inc || n.Op == syntax.Dec {
				out = append(out, arithName(n.X))
			}
		case *syntax.CallExpr:
			args := make([]string, len(n.Args))
			for i, w := range n.Args {
				args[i] = w.Lit()
			}
			out = append(out, effects(args, funcs)...)
		}
		return true
	})
	return out
}

// arithName is the variable an arithmetic assignment sets; anyVar when it
// is not a plain name (a[i]++, $x=1).
func arithName(x syntax.ArithmExpr) string {
	if w, ok := x.(*syntax.Word); ok && validName(w.Lit()) {
		return w.Lit()
	}
	return anyVar
}

// enterFunc makes the variables what a function body can count on: it
// runs when it is called, later than it is written, so a variable the
// text assigns keeps its value only if it is assigned here already and in
// no other place; its arguments are not known.
func (e *env) enterFunc(s *survey) {
	e.set(flagFunc, binding{})
	if s.any {
		e.forgetAll()
		return
	}
	names := make([]string, 0, len(s.counts))
	for n := range s.counts {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		if b, ok := e.vars[n]; ok && b.known && s.counts[n] == 1 {
			continue
		}
		e.set(n, binding{})
	}
}
