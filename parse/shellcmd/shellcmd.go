package shellcmd

import (
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"

	"github.com/git-repro/git-repro/parse/dockerfile"
)

// Line is one line of shell text and the 1-based line of the file it
// comes from. Off is how many bytes of the file's line come before Text
// (a Markdown block's indentation, a "$ " prompt, a Makefile recipe's
// tab), so that columns point into the file.
type Line struct {
	N    int
	Text string
	Off  int

	noCols bool // Text is not the file's text (a Dockerfile's exec-form RUN)
	// rewritten: Text is the file's after a rewrite (make's expansion,
	// IPython's), so its words have no columns (Word.Col)
	rewritten bool
}

// suffix is l with its text cut to text, a suffix of l.Text.
func (l Line) suffix(text string) Line {
	return Line{N: l.N, Text: text, Off: l.Off + len(l.Text) - len(text)}
}

// Result is what one file holds.
type Result struct {
	Installs []Install
	Clones   []Clone
	Fetches  []Fetch
	// Commands are all the simple commands, in the order they run (the
	// installs, clones and downloads among them), for the questions the
	// three kinds do not answer ("does this CI step run pytest?").
	Commands []Command
	// Errors are lines that are not valid shell (in Markdown, often
	// placeholders such as <path>); the rest of the file is still read.
	Errors []Error

	// asWritten gives back the text a reader rewrote into a run-time
	// expansion (a Snakefile's "{output}"), for AsWritten.
	asWritten *strings.Replacer
}

// AsWritten returns a value of the result (a URL, an output file, a
// word) as the file writes it: a Snakefile's placeholders, which the
// commands see as run-time expansions ("${_0__}"), are given back
// ("{input}"). Other values are returned as they are.
func (r *Result) AsWritten(s string) string {
	if r == nil || r.asWritten == nil {
		return s
	}
	return r.asWritten.Replace(s)
}

// Error is a line that does not parse.
type Error struct {
	Line int
	Msg  string
}

func (e Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Command is one simple command.
type Command struct {
	// Line and Col locate the command's first word in the file.
	Line, Col int
	// Args are its words as the shell passes them, with wrappers that run
	// their arguments removed (sudo, env, time, "uv run", "conda run -n
	// x"); a word expanded at run time ("$VAR", "$(cmd)") is its source
	// text, which dockerfile.Dynamic recognises.
	Args []string
	// Words are Args with their places and the values of the variables
	// the text assigns ("MODEL=org/x" and then "--model $MODEL"), where
	// those are known before the run; one word per argument.
	Words []Word
	// Dir is the directory it runs in (see Install.Dir).
	Dir string
	// Install is the index of the command in Result.Installs, -1 when it
	// installs no packages.
	Install int
}

// Unknown is the directory of a command run after a "cd" to a place
// that is not known before run time ("cd $DIR").
const Unknown = "?"

// analyzer reads the chunks of one file in order. A chunk is text one
// shell runs (a script, a Markdown code block, a Makefile recipe line, a
// notebook "!" command); the whole file is one "script" for the questions
// that span commands (is this clone checked out later, is that download
// verified later).
type analyzer struct {
	res  *Result
	cwd  string   // where the commands run, relative to where the file's first one ran
	env  *env     // the variables the text has assigned
	dirs []string // pushd's stack
	seq  int      // the position of the current call in the file
	// stdin is what an echo or printf writes into the pipe the current
	// command reads ("echo '<hash>  f' | sha256sum -c -").
	stdin string
	// events in file order, resolved when the file is done
	checkouts []checkout
	verifiers []verifier
	runs      []run
	calls     []callAt
	fetchSeq  []int
	cloneSeq  []int
}

// callAt is where a command ran: its position in the file and its
// directory.
type callAt struct {
	seq, line int
	dir       string
}

type checkout struct {
	seq, line int
	dir, ref  string
}

type verifier struct {
	seq, line int
	desc      string
	checkList bool     // -c/--check: verifies the files its list names
	args      []string // the files it hashes
}

type run struct {
	seq, line int
	file      string
}

func newAnalyzer() *analyzer { return &analyzer{res: &Result{}, cwd: ".", env: newEnv()} }

// opaque makes the variables the text does not assign unknown, defaults
// given for them included: the environment of a Dockerfile's RUN, a
// Makefile's recipe, a notebook's line or a workflow step is set by other
// lines of the file.
func (a *analyzer) opaque() *analyzer {
	a.env.set(flagOpaque, binding{})
	return a
}

// chunk parses lines as one shell script. With persist unset, a "cd" or
// an assignment in the chunk does not hold for later chunks (each
// notebook "!" line and each Makefile recipe line runs in its own shell).
func (a *analyzer) chunk(lines []Line, persist bool) {
	if len(lines) == 0 {
		return
	}
	saved, mark := a.cwd, a.env.mark()
	defer func() {
		if !persist {
			a.cwd = saved
			a.env.rollback(mark)
		}
	}()
	if a.parse(lines) {
		return
	}
	// Parse one logical line (with its "\" continuations) at a time, so
	// one bad line does not hide the others.
	for i := 0; i < len(lines); {
		j := i + 1
		for j < len(lines) && strings.HasSuffix(strings.TrimRight(lines[j-1].Text, " \t"), `\`) {
			j++
		}
		a.parse(lines[i:j])
		i = j
	}
}

// parse walks lines as one script and reports whether it parsed; a
// single logical line that does not parse is recorded in Errors.
func (a *analyzer) parse(lines []Line) (ok bool) {
	texts := make([]string, len(lines))
	for i, l := range lines {
		texts[i] = l.Text
	}
	src := strings.Join(texts, "\n")
	defer func() {
		if v := recover(); v != nil {
			a.res.Errors = append(a.res.Errors, Error{Line: lines[0].N, Msg: fmt.Sprintf("the shell parser failed: %v", v)})
			ok = true
		}
	}()
	if msg, deep := dockerfile.TooDeep(src); deep {
		a.res.Errors = append(a.res.Errors, Error{Line: lines[0].N, Msg: msg})
		return true
	}
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(src), "")
	if err != nil {
		if len(lines) == 1 || !strings.Contains(src, "\n") || logicalLines(lines) == 1 {
			msg, line := err.Error(), 1
			var pe syntax.ParseError
			if errors.As(err, &pe) {
				msg, line = pe.Text, int(pe.Pos.Line())
			}
			a.res.Errors = append(a.res.Errors, Error{Line: lineAt(lines, line), Msg: msg})
			return true
		}
		return false
	}
	w := &walker{a: a, src: src, lines: lines, survey: newSurvey(f)}
	w.stmts(f.Stmts, "")
	return true
}

// logicalLines counts the lines that do not continue the one before.
func logicalLines(lines []Line) int {
	n := 0
	for i := range lines {
		if i == 0 || !strings.HasSuffix(strings.TrimRight(lines[i-1].Text, " \t"), `\`) {
			n++
		}
	}
	return n
}

// lineAt maps a 1-based line of a chunk to the file's line.
func lineAt(lines []Line, l int) int {
	if l < 1 || l > len(lines) {
		return lines[0].N
	}
	return lines[l-1].N
}

// walker follows a parsed chunk in execution order, keeping the working
// directory of each scope: a subshell, each side of a pipeline, a
// command substitution and a function body get their own, so that
// "(cd x && pip install .)" installs x but leaves the directory as it was.
// Each simple command is handed to dockerfile.ParseShell, the parser of
// the Dockerfile rules, for its words (quotes removed, sudo/env/time
// unwrapped, "sh -c" scripts followed, redirections listed).
type walker struct {
	a      *analyzer
	src    string
	lines  []Line
	survey *survey
}

func (w *walker) stmts(list []*syntax.Stmt, pipedTo string) {
	for _, st := range list {
		w.stmt(st, pipedTo)
	}
}

// scoped runs fn with the directory and the variables restored
// afterwards.
func (w *walker) scoped(fn func()) {
	saved, stack, mark := w.a.cwd, slices.Clone(w.a.dirs), w.a.env.mark()
	fn()
	w.a.cwd, w.a.dirs = saved, stack
	w.a.env.rollback(mark)
}

// alternatives walks each of alts from the variables before them, as a
// run takes one of them (or, unless exhaustive, none): afterwards a
// variable keeps the value all the outcomes agree on and is unknown
// otherwise. The directory is followed as before, through each in turn.
func (w *walker) alternatives(exhaustive bool, alts ...func()) {
	e := w.a.env
	mark := e.mark()
	type slot struct {
		b   binding
		had bool
	}
	var ends []map[string]slot
	for _, alt := range alts {
		alt()
		end := map[string]slot{}
		for _, c := range e.undo[mark:] {
			b, had := e.vars[c.name]
			end[c.name] = slot{b, had}
		}
		ends = append(ends, end)
		e.rollback(mark)
	}
	if !exhaustive {
		ends = append(ends, nil)
	}
	seen := map[string]bool{}
	var names []string
	for _, end := range ends {
		for n := range end {
			if !seen[n] {
				seen[n] = true
				names = append(names, n)
			}
		}
	}
	slices.Sort(names)
	for _, n := range names {
		b, had := e.vars[n]
		before := slot{b, had}
		at := func(end map[string]slot) slot {
			if s, ok := end[n]; ok {
				return s
			}
			return before
		}
		first, agree := at(ends[0]), true
		for _, end := range ends[1:] {
			agree = agree && at(end) == first
		}
		switch {
		case !agree:
			e.set(n, binding{})
		case first != before:
			e.put(n, first.b, first.had)
		}
	}
}

func (w *walker) stmt(st *syntax.Stmt, pipedTo string) {
	if st == nil {
		return
	}
	switch c := st.Cmd.(type) {
	case *syntax.CallExpr:
		words := w.a.env.words(c.Args)
		w.simple(st, c, pipedTo, words)
		w.a.env.call(c, words, w.survey.lookup)
	case *syntax.DeclClause:
		w.a.env.declare(c)
	case *syntax.TestClause, *syntax.ArithmCmd, *syntax.LetClause:
		w.a.env.forget(assigned(c, w.survey.lookup))
	case *syntax.BinaryCmd:
		if c.Op == syntax.Pipe || c.Op == syntax.PipeAll {
			into, feed := "", ""
			if sc, err := dockerfile.ParseShell(w.slice(c.Y)); err == nil && len(sc.Calls) > 0 {
				into = sc.Calls[0].Name()
			}
			if sc, err := dockerfile.ParseShell(w.slice(c.X)); err == nil && len(sc.Calls) == 1 {
				if n := sc.Calls[0].Name(); n == "echo" || n == "printf" {
					feed = strings.Join(sc.Calls[0].Args[1:], " ")
				}
			}
			w.scoped(func() { w.stmt(c.X, into) })
			w.scoped(func() {
				saved := w.a.stdin
				w.a.stdin = feed
				w.stmt(c.Y, "")
				w.a.stdin = saved
			})
			return
		}
		w.stmt(c.X, pipedTo)
		w.alternatives(false, func() { w.stmt(c.Y, pipedTo) })
	case *syntax.Subshell:
		w.scoped(func() { w.stmts(c.Stmts, pipedTo) })
	case *syntax.Block:
		w.stmts(c.Stmts, pipedTo)
	case *syntax.IfClause:
		// The first condition always runs; then one branch, or none
		// without an else (an elif's condition runs with its branch).
		w.stmts(c.Cond, "")
		var alts []func()
		exhaustive := false
		for ic := c; ic != nil; ic = ic.Else {
			first := ic == c
			exhaustive = ic.Else == nil && !first && len(ic.Cond) == 0
			alts = append(alts, func() {
				if !first {
					w.stmts(ic.Cond, "")
				}
				w.stmts(ic.Then, pipedTo)
			})
		}
		w.alternatives(exhaustive, alts...)
	case *syntax.WhileClause:
		// What the loop assigns differs from one iteration to the next.
		w.a.env.forget(assigned(c, w.survey.lookup))
		w.stmts(c.Cond, "")
		w.alternatives(false, func() { w.stmts(c.Do, pipedTo) })
	case *syntax.ForClause:
		w.a.env.forget(assigned(c, w.survey.lookup))
		w.alternatives(false, func() { w.stmts(c.Do, pipedTo) })
	case *syntax.CaseClause:
		alts := make([]func(), len(c.Items))
		for i, item := range c.Items {
			alts[i] = func() { w.stmts(item.Stmts, pipedTo) }
		}
		w.alternatives(false, alts...)
	case *syntax.FuncDecl:
		w.scoped(func() {
			w.a.env.enterFunc(w.survey)
			w.stmt(c.Body, pipedTo)
		})
	case *syntax.TimeClause:
		w.stmt(c.Stmt, pipedTo)
	case *syntax.CoprocClause:
		w.scoped(func() { w.stmt(c.Stmt, "") })
	}
}

// slice returns the source of a node.
func (w *walker) slice(n syntax.Node) string {
	if n == nil || !n.Pos().IsValid() || !n.End().IsValid() {
		return ""
	}
	a, b := int(n.Pos().Offset()), int(n.End().Offset())
	if a < 0 || b > len(w.src) || a > b {
		return ""
	}
	return w.src[a:b]
}

// simple handles one simple command, whose words the variables before
// it gave, and the commands nested in it (command substitutions, "sh -c"
// scripts), which run in their own scope.
func (w *walker) simple(st *syntax.Stmt, ce *syntax.CallExpr, pipedTo string, words []Word) {
	var parsed syntax.Node = st
	sc, err := dockerfile.ParseShell(w.slice(st))
	if err != nil {
		// A heredoc's body lies outside the statement: read the command alone.
		parsed = ce
		if sc, err = dockerfile.ParseShell(w.slice(ce)); err != nil {
			return
		}
	}
	base := int(st.Pos().Line()) - 1
	first, last := int(st.Pos().Line()), int(st.End().Line())
	var text []string
	for l := first; l <= last && l <= len(w.lines); l++ {
		text = append(text, w.lines[l-1].Text)
	}
	piped := map[int]string{}
	for _, p := range sc.Pipes {
		piped[p.Fetch.Line] = p.Shell.Name()
	}
	outer := len(ce.Args) > 0
	for i, c := range sc.Calls {
		into := piped[c.Line]
		if into == "" && i == 0 && outer {
			into = pipedTo
		}
		at := pos{line: lineAt(w.lines, base+c.Line), col: w.col(base+c.Line, first, int(st.Pos().Col()))}
		if i == 0 && outer {
			ws, ok := w.own(ce, parsed, c, words)
			if !ok {
				ws = literalWords(c, at.line)
			}
			w.a.call(c, at, strings.TrimSpace(strings.Join(text, "\n")), into, ws)
			continue
		}
		w.scoped(func() { w.a.call(c, at, strings.TrimSpace(strings.Join(text, "\n")), into, literalWords(c, at.line)) })
	}
}

// own places in the file the words of the statement's own command, as
// the variables before it gave them (words, one per word of ce): those
// the call c kept after its wrappers. ok is false when c is not that
// command (its first word is not where ParseShell, which counts from the
// start of the parsed node, put it).
func (w *walker) own(ce *syntax.CallExpr, parsed syntax.Node, c dockerfile.Call, words []Word) ([]Word, bool) {
	skip := len(ce.Args) - len(c.Args)
	if skip < 0 || len(c.Pos) == 0 || len(words) != len(ce.Args) {
		return nil, false
	}
	at, from := ce.Args[skip].Pos(), parsed.Pos()
	want := dockerfile.Pos{Line: int(at.Line()-from.Line()) + 1, Col: int(at.Col())}
	if at.Line() == from.Line() {
		want.Col = int(at.Col()-from.Col()) + 1
	}
	if c.Pos[0] != want {
		return nil, false
	}
	out := slices.Clone(words[skip:])
	for i, wd := range ce.Args[skip:] {
		if !out[i].Known {
			out[i].Value = c.Args[i]
		}
		l := int(wd.Pos().Line())
		out[i].Line = lineAt(w.lines, l)
		if l >= 1 && l <= len(w.lines) && !w.lines[l-1].noCols && !w.lines[l-1].rewritten {
			out[i].Col = w.lines[l-1].Off + int(wd.Pos().Col())
		}
	}
	return out, true
}

// literalWords are the words of a call read on its own (inside "sh -c"
// or "$(...)"): a word is known when it is literal text.
func literalWords(c dockerfile.Call, line int) []Word {
	out := make([]Word, len(c.Args))
	for i, a := range c.Args {
		out[i] = Word{Value: a, Known: !dockerfile.Dynamic(a) && !strings.ContainsAny(a, "*?[~{"), Line: line}
	}
	return out
}

// pos is where a command starts in the file: 1-based line and column.
type pos struct{ line, col int }

// Place is a 1-based line and column of the file.
type Place struct{ Line, Col int }

// col is the file column of a command on chunk line l (1-based): the
// statement's own column on its first line, else the line's first word.
func (w *walker) col(l, stmtLine, stmtCol int) int {
	if l < 1 || l > len(w.lines) {
		return 0
	}
	ln := w.lines[l-1]
	c := stmtCol
	if ln.noCols {
		return 0
	}
	if l != stmtLine || c < 1 {
		c = len(ln.Text) - len(strings.TrimLeft(ln.Text, " \t")) + 1
	}
	return ln.Off + c
}

// call dispatches one simple command.
func (a *analyzer) call(c dockerfile.Call, at pos, text, pipedTo string, words []Word) {
	a.seq++
	line := at.line
	a.calls = append(a.calls, callAt{seq: a.seq, line: line, dir: a.cwd})
	cmd := Command{Line: line, Col: at.col, Args: c.Args, Words: words, Dir: a.cwd, Install: -1}
	defer func() { a.res.Commands = append(a.res.Commands, cmd) }()
	name := c.Name()
	switch {
	case name == "cd" && !c.Nested:
		a.cd(c.Args[1:])
	case name == "pushd" && !c.Nested:
		a.dirs = append(a.dirs, a.cwd)
		a.cd(c.Args[1:])
	case name == "popd" && !c.Nested:
		if len(a.dirs) > 0 {
			a.cwd, a.dirs = a.dirs[len(a.dirs)-1], a.dirs[:len(a.dirs)-1]
		} else {
			a.cwd = Unknown
		}
	case name == "git":
		a.git(c, at, text)
	case dockerfile.IsFetch(name):
		a.fetch(c, at, text, pipedTo)
	case name == "gdown":
		a.gdown(c, at, text)
	case verifierTools[name] || name == "openssl" && len(c.Args) > 1 && c.Args[1] == "dgst":
		a.verifier(c, line)
	}
	if inst, ok := installOf(c, a.cwd); ok {
		inst.Line, inst.Col, inst.Text, inst.seq, inst.Args = line, at.col, text, a.seq, c.Args
		cutPackages(&inst)
		cmd.Install = len(a.res.Installs)
		a.res.Installs = append(a.res.Installs, inst)
	}
	if f, ok := runsFile(c); ok {
		a.runs = append(a.runs, run{seq: a.seq, line: line, file: a.join(f)})
	}
	if isPython(name) && len(c.Args) > 2 && c.Args[1] == "setup.py" && (slices.Contains(c.Args[2:], "install") || slices.Contains(c.Args[2:], "develop")) {
		a.installed(a.cwd, Place{Line: line, Col: at.col}, a.seq) // "python setup.py build_ext install", "... build develop"
	}
}

// cd follows a change of directory; anything not known before run time
// makes the directory Unknown.
func (a *analyzer) cd(args []string) {
	for len(args) > 0 && (args[0] == "-P" || args[0] == "-L" || args[0] == "--") {
		args = args[1:]
	}
	switch {
	case len(args) == 0 || args[0] == "-" || strings.HasPrefix(args[0], "~") || dockerfile.Dynamic(args[0]):
		a.cwd = Unknown
	case path.IsAbs(args[0]):
		a.cwd = path.Clean(args[0])
	default:
		a.cwd = a.join(args[0])
	}
}

// join resolves p against the current directory.
func (a *analyzer) join(p string) string { return joinPath(a.cwd, p) }

// joinPath resolves p against dir; Unknown when either is not known
// before run time.
func joinPath(dir, p string) string {
	if dockerfile.Dynamic(p) {
		return Unknown
	}
	if path.IsAbs(p) {
		return path.Clean(p)
	}
	if dir == Unknown {
		return Unknown
	}
	return path.Join(dir, p)
}

// installed records an install of directory dir at a place on the clone
// made before it that holds it: the innermost one (installing apex,
// cloned inside the project's own clone, installs apex).
func (a *analyzer) installed(dir string, at Place, seq int) {
	if dir == Unknown {
		return
	}
	best := -1
	for i, c := range a.res.Clones {
		if a.cloneSeq[i] < seq && c.Dir != Unknown && (dir == c.Dir || strings.HasPrefix(dir, c.Dir+"/")) &&
			(best < 0 || len(c.Dir) >= len(a.res.Clones[best].Dir)) {
			best = i
		}
	}
	if best >= 0 {
		a.res.Clones[best].Installs = append(a.res.Clones[best].Installs, at)
	}
}

// finish resolves what depends on later commands.
func (a *analyzer) finish() *Result {
	for i := range a.res.Clones {
		c := &a.res.Clones[i]
		// A clone into a directory known only at run time ("git clone
		// $URL $DIR") is taken to be the one a later checkout in such a
		// directory pins ("git -C $DIR checkout $SHA").
		for _, co := range a.checkouts {
			if co.seq > a.cloneSeq[i] && co.dir == c.Dir {
				c.Ref, c.RefKind, c.CheckoutLine = co.ref, RefKind(co.ref), co.line
			}
		}
		if c.Dir == Unknown {
			continue
		}
		inside := func(dir string) bool { return dir == c.Dir || strings.HasPrefix(dir, c.Dir+"/") }
		for _, ca := range a.calls {
			switch {
			case ca.seq <= a.cloneSeq[i]:
			case c.Entered == 0 && inside(ca.dir):
				c.Entered = ca.line
			case c.Entered != 0 && c.Left == 0 && !inside(ca.dir):
				c.Left = ca.line
			}
		}
	}
	for _, in := range a.res.Installs {
		for _, p := range in.Packages {
			if p.Local && p.Path != Unknown {
				a.installed(p.Path, Place{Line: in.Line, Col: in.Col}, in.seq)
			}
		}
	}
	for i := range a.res.Fetches {
		f := &a.res.Fetches[i]
		out := f.Path
		if out == "" {
			continue // streamed into a pipe: nothing on disk to check later
		}
		for _, v := range a.verifiers {
			if v.seq <= a.fetchSeq[i] || f.ChecksumLine > 0 {
				continue
			}
			if v.checkList || (out != Unknown && containsPath(v.args, out)) {
				f.Checksum, f.ChecksumLine = v.desc, v.line
			}
		}
		for _, r := range a.runs {
			if r.seq > a.fetchSeq[i] && out != Unknown && r.file == out && f.RunLine == 0 {
				f.RunLine = r.line
			}
		}
	}
	return a.res
}

func containsPath(list []string, p string) bool {
	for _, x := range list {
		if x == p {
			return true
		}
	}
	return false
}
