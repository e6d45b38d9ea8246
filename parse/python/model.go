package python

import (
	"strings"
)

// Module is the light model of one Python source file (or one notebook's
// code cells): what it imports, what it defines, and what each part calls.
type Module struct {
	Src     []byte
	Imports []Import
	// Funcs are the function definitions by qualified name: "f" for a
	// top-level function, "C.m" for a method m of class C. Nested
	// functions are named "outer.inner".
	Funcs map[string]*Func
	// Classes lists the classes defined at any level, by name.
	Classes map[string]bool
	// Bases holds each class's base-class expressions as written
	// ("nn.Module", "PreTrainedModel"), keyword arguments such as
	// metaclass= left out.
	Bases map[string][]string
	// Top is the code that runs when the module runs or is imported:
	// module-level statements and class bodies, outside any def and outside
	// the `if __name__ == "__main__":` block.
	Top *Func
	// Main is the body of `if __name__ == "__main__":`, nil if the module
	// has none.
	Main *Func
}

// Import is one name bound by an import statement.
type Import struct {
	// Module is the module as written, with leading dots for a relative
	// import ("numpy", "numpy.random", ".seed", "..").
	Module string
	// Name is the imported name for `from M import Name`, "*" for a star
	// import, and "" for `import M`.
	Name string
	// Bind is the name the import binds in the module ("np", "npr",
	// "numpy" for `import numpy.random`); "" for a star import.
	Bind string
	Pos  Pos
}

// Target is the dotted name an import binding stands for.
func (im Import) Target() string {
	switch {
	case im.Name == "":
		if i := strings.IndexByte(im.Module, '.'); i > 0 && im.Bind == im.Module[:i] {
			return im.Bind // `import a.b` binds a
		}
		return im.Module
	case strings.HasSuffix(im.Module, "."):
		return im.Module + im.Name
	default:
		return im.Module + "." + im.Name
	}
}

// Func is a function body (or the module's top-level code, or its main
// block) as a sequence of events in source order.
type Func struct {
	Name   string // qualified name; "<module>" for Top, "<main>" for Main
	Class  string // enclosing class for a method, else ""
	Pos    Pos    // position of the name in `def name`
	Params []Param
	Events []Event
	// Returns are the function's return statements with a value, in
	// source order.
	Returns []Return
}

// Return is a return statement with a value.
type Return struct {
	Value string // the returned expression's source text ("df, y")
	Pos   Pos
	// At is the number of the function's events before the statement: the
	// index of the first event of its value, if it has any.
	At int
}

// Param is one parameter of a def, in order ("self" included). Star is
// "*" or "**" for *args and **kwargs; the bare "*" and "/" markers are not
// parameters.
type Param struct {
	Name       string
	Default    string // the default value's source text, "" if none
	Annotation string // the type annotation as written, "" if none
	Star       string
}

// Event is a call or an assignment, in source order (an assignment comes
// before the calls in its value).
type Event struct {
	Call   *Call
	Assign *Assign
}

// Call is one call expression.
type Call struct {
	// Callee is the called name as written: "np.random.seed", "set_seed".
	// A method called on an expression that is not a plain name (a call
	// result, a subscript, a literal) starts with a dot: ".manual_seed".
	Callee   string
	Pos      Pos // position of the callee's first token
	Off      int // byte offset of the callee's first token
	Keywords []Keyword
	// Args are the positional arguments' source text; a *args counts as one.
	Args []string
	// StarStar is set when the call passes **kwargs: any keyword may be there.
	StarStar bool
	// Target is the assignment target when the call starts the right-hand
	// side of an assignment statement (`model = Net(...)`, `self.rng =
	// random.Random()`, `model, pre = clip.load(...)`), else "".
	Target string
}

// Keyword is one keyword argument and its value's source text.
type Keyword struct {
	Name, Value string
}

// Keyword returns the value of keyword argument name and whether it is
// given.
func (c *Call) Keyword(name string) (string, bool) {
	for _, k := range c.Keywords {
		if k.Name == name {
			return k.Value, true
		}
	}
	return "", false
}

// Assign is an assignment statement: `name = value`, `a.b = value`,
// `x[k] = value`, `a, b = value` or `name: T = value`, or a name bound by
// `with value as name:` (augmented assignments are not recorded).
type Assign struct {
	// Target is the target as written without spaces around the dots
	// ("self.rng", `cfg["seed"]`); targets of a tuple assignment are
	// joined with ", ".
	Target string
	Value  string
	Pos    Pos
	// ValueOff and ValueEnd are the byte offsets of the value in Src.
	ValueOff, ValueEnd int
	// Block is the keyword of the innermost compound statement that holds
	// the assignment inside its function ("if", "elif", "else", "for",
	// "while", "try", "except", "finally", "with"), "" at the function's
	// own level. Cond is the condition of an "if", "elif" or "while".
	Block, Cond string
}

// Names returns the names a tuple target binds ("a, b" -> a, b).
func (a *Assign) Names() []string {
	var out []string
	for _, n := range strings.Split(a.Target, ",") {
		if n = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(n), "*")); n != "" {
			out = append(out, n)
		}
	}
	return out
}

var keywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true, "async": true,
	"await": true, "break": true, "class": true, "continue": true, "def": true, "del": true, "elif": true,
	"else": true, "except": true, "finally": true, "for": true, "from": true, "global": true, "if": true,
	"import": true, "in": true, "is": true, "lambda": true, "nonlocal": true, "not": true, "or": true,
	"pass": true, "raise": true, "return": true, "try": true, "while": true, "with": true, "yield": true,
}

// Parse tokenizes src and builds its Module. When the source does not
// tokenize, Parse returns the tokenizer's *Error and a nil Module.
func Parse(src []byte) (*Module, error) {
	toks, err := Tokenize(src)
	if err != nil {
		return nil, err
	}
	return Build(src, toks), nil
}

type block struct {
	fn      *Func
	class   string // class whose body this block is
	oneLine bool   // a body on the header's line: ends at NEWLINE
	kw      string // compound statement keyword ("if", "for", ...), "" for def/class/main bodies
	cond    string // its condition, for if/elif/while
}

type builder struct {
	m      *Module
	src    []byte
	toks   []Token // significant tokens: no comments, NL or FSTRING_MIDDLE
	blocks []block

	// pending header: set at `def`/`class`/`if __name__ == "__main__"`,
	// consumed at the INDENT (or the one-line body) that follows its ':'.
	pendFn    *Func
	pendClass string
	pendMain  bool
	pendOK    bool
	// pending compound statement (if/for/while/...): its keyword and
	// condition, consumed by the block that follows its ':'.
	pendKw, pendCond string

	// the token index where the value of the current statement's
	// assignment starts, and its target (for Call.Target); withAt and
	// withTargets the same for the items of a with statement
	assignAt     int
	assignTarget string
	withAt       []int
	withTargets  []string
}

// Build makes the Module from tokens of src (as returned by Tokenize).
func Build(src []byte, all []Token) *Module {
	m := &Module{Src: src, Funcs: map[string]*Func{}, Classes: map[string]bool{}, Bases: map[string][]string{}, Top: &Func{Name: "<module>"}}
	b := &builder{m: m, src: src, assignAt: -1}
	b.toks = make([]Token, 0, len(all))
	for _, t := range all {
		switch t.Kind {
		case Comment, NL, FStringMiddle:
			continue
		}
		b.toks = append(b.toks, t)
	}
	b.run()
	return m
}

func (b *builder) text(t Token) string { return string(b.src[t.Off:t.EndOff]) }

func (b *builder) is(i int, k Kind, s string) bool {
	return i >= 0 && i < len(b.toks) && b.toks[i].Kind == k && (s == "" || b.text(b.toks[i]) == s)
}

func (b *builder) cur() *block {
	if len(b.blocks) == 0 {
		return nil
	}
	return &b.blocks[len(b.blocks)-1]
}

func (b *builder) fn() *Func {
	if c := b.cur(); c != nil {
		return c.fn
	}
	return b.m.Top
}

func (b *builder) className() string {
	if c := b.cur(); c != nil {
		return c.class
	}
	return ""
}

func (b *builder) run() {
	toks := b.toks
	stmtStart := true
	depth := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		switch t.Kind {
		case Newline:
			stmtStart = true
			depth = 0
			if c := b.cur(); c != nil && c.oneLine {
				b.blocks = b.blocks[:len(b.blocks)-1]
			}
			continue
		case Indent:
			b.pushBlock(false)
			stmtStart = true
			continue
		case Dedent:
			if len(b.blocks) > 0 {
				b.blocks = b.blocks[:len(b.blocks)-1]
			}
			stmtStart = true
			continue
		case EndMarker:
			continue
		}
		if stmtStart {
			stmtStart = false
			b.statement(i)
		}
		if t.Kind == Op {
			switch b.text(t) {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
			case ";":
				if depth == 0 {
					stmtStart = true
				}
			case ":":
				if depth == 0 && (b.pendOK || b.pendKw != "") && !b.is(i+1, Newline, "") {
					b.pushBlock(true) // one-line body: `def f(): return 1`, `if x: y = 1`
					stmtStart = true
				}
			}
			continue
		}
		if t.Kind == Name {
			dotted := b.is(i-1, Op, ".")
			if !dotted && i+1 < len(toks) && !b.is(i-1, Name, "def") && !b.is(i-1, Name, "class") && !keywords[b.text(t)] {
				if j := b.chainEnd(i); b.is(j, Op, "(") {
					b.call(b.chainText(i, j), i, j)
				}
			}
			if dotted && !b.is(i-2, Name, "") {
				// a method on an expression: x[0].m(, f().m(, "s".m(
				if j := b.chainEnd(i); b.is(j, Op, "(") {
					b.call("."+b.chainText(i, j), i, j)
				}
			}
		}
	}
}

// statement looks at the statement starting at token i for defs, classes,
// the main guard, compound statements, imports and assignments.
func (b *builder) statement(i int) {
	toks := b.toks
	b.pendKw, b.pendCond = "", ""
	b.assignAt = -1
	b.withAt, b.withTargets = b.withAt[:0], b.withTargets[:0]
	j := i
	if b.is(j, Name, "async") {
		j++
	}
	switch {
	case b.is(j, Name, "def") && b.is(j+1, Name, ""):
		name := b.text(toks[j+1])
		q := name
		if outer := b.fn(); outer != b.m.Top && outer != b.m.Main {
			q = outer.Name + "." + name
		} else if c := b.className(); c != "" {
			q = c + "." + name
		}
		f := &Func{Name: q, Class: b.className(), Pos: toks[j+1].Start, Params: b.params(j + 2)}
		b.m.Funcs[q] = f
		b.pendFn, b.pendClass, b.pendMain, b.pendOK = f, "", false, true
	case b.is(j, Name, "class") && b.is(j+1, Name, ""):
		name := b.text(toks[j+1])
		b.m.Classes[name] = true
		if b.is(j+2, Op, "(") {
			for _, a := range b.args(j + 2) {
				if a.kw == "" && a.text != "" && !strings.HasPrefix(a.text, "*") {
					b.m.Bases[name] = append(b.m.Bases[name], a.text)
				}
			}
		}
		b.pendFn, b.pendClass, b.pendMain, b.pendOK = nil, name, false, true
	case b.is(i, Name, "if") && len(b.blocks) == 0 && b.mainGuard(i+1):
		b.pendFn, b.pendClass, b.pendMain, b.pendOK = nil, "", true, true
	case b.is(i, Name, "import"):
		b.importStmt(i + 1)
	case b.is(i, Name, "from"):
		b.fromStmt(i + 1)
	case b.is(j, Name, "") && compound[b.text(toks[j])]:
		kw := b.text(toks[j])
		if kw == "with" {
			b.withItems(j + 1) // before the block it opens
		}
		b.pendKw = kw
		if b.pendKw == "if" || b.pendKw == "elif" || b.pendKw == "while" {
			if e := b.headerEnd(j + 1); e > j+1 {
				b.pendCond = b.span(j+1, e)
			}
		}
	case b.is(i, Name, "return"):
		f := b.fn()
		if e := b.exprEnd(i + 1); e > i+1 {
			f.Returns = append(f.Returns, Return{Value: b.span(i+1, e), Pos: toks[i].Start, At: len(f.Events)})
		}
	case b.is(i, Name, "") && !keywords[b.text(toks[i])] || b.is(i, Op, "*"):
		b.assignment(i)
	}
}

// compound are the keywords that open a block holding statements of the
// same function.
var compound = map[string]bool{"if": true, "elif": true, "else": true, "for": true, "while": true,
	"try": true, "except": true, "finally": true, "with": true}

// span is the source text of tokens i..e-1, trimmed.
func (b *builder) span(i, e int) string {
	if i >= e || e > len(b.toks) {
		return ""
	}
	return strings.TrimSpace(string(b.src[b.toks[i].Off:b.toks[e-1].EndOff]))
}

// headerEnd returns the index of the ':' that ends a compound statement's
// header starting at i, or i when there is none on the logical line.
func (b *builder) headerEnd(i int) int {
	e := b.level(i, func(k, depth int, op string) bool {
		return lineEnd(b.toks[k].Kind) || op == ":" && depth == 0
	})
	if b.is(e, Op, ":") {
		return e
	}
	return i
}

// lineEnd reports the token kinds that end a logical line.
func lineEnd(k Kind) bool { return k == Newline || k == EndMarker || k == Indent || k == Dedent }

// level walks the tokens from i and calls visit with each one's index, its
// bracket depth relative to i (an opening bracket at the depth outside it,
// a closing one at the depth it returns to: -1 for one that closes a
// bracket opened before i) and its operator text ("" for other tokens);
// f-strings count as brackets. It returns the index where visit returned
// true, or len(toks).
func (b *builder) level(i int, visit func(k, depth int, op string) bool) int {
	depth := 0
	for k := i; k < len(b.toks); k++ {
		t := b.toks[k]
		op := ""
		switch t.Kind {
		case FStringStart:
			depth++
			continue
		case FStringEnd:
			depth--
			continue
		case Op:
			op = b.text(t)
		}
		if op == ")" || op == "]" || op == "}" {
			depth--
		}
		if visit(k, depth, op) {
			return k
		}
		if op == "(" || op == "[" || op == "{" {
			depth++
		}
	}
	return len(b.toks)
}

// assignment records the statement at i when it is an assignment: one
// target or several separated by commas (names, dotted names, subscripts,
// a starred name), an optional annotation, then '='.
func (b *builder) assignment(i int) {
	var targets []string
	k := i
	for {
		start := k
		if b.is(k, Op, "*") {
			k++
		}
		if !b.is(k, Name, "") || keywords[b.text(b.toks[k])] {
			return
		}
		k = b.chainEnd(k)
		for b.is(k, Op, "[") {
			k = b.closing(k) + 1
			if b.is(k, Op, ".") && b.is(k+1, Name, "") {
				k = b.chainEnd(k + 1)
			}
		}
		targets = append(targets, b.targetText(start, k))
		if !b.is(k, Op, ",") {
			break
		}
		k++
		if b.is(k, Op, "=") { // `a, = f()`
			break
		}
	}
	if len(targets) == 1 && b.is(k, Op, ":") { // annotated: `x: int = 3`
		// (without a value it binds nothing: no '=' before the line's end)
		k = b.level(k+1, func(j, depth int, op string) bool {
			return lineEnd(b.toks[j].Kind) || op == "=" && depth == 0
		})
	}
	if !b.is(k, Op, "=") {
		return
	}
	e := b.exprEnd(k + 1)
	a := &Assign{Target: strings.Join(targets, ", "), Pos: b.toks[i].Start}
	if e > k+1 {
		a.Value = b.span(k+1, e)
		a.ValueOff, a.ValueEnd = int(b.toks[k+1].Off), int(b.toks[e-1].EndOff)
		b.assignAt, b.assignTarget = k+1, a.Target
	}
	f := b.fn()
	if c := b.cur(); c != nil && c.fn == f && c.kw != "" {
		a.Block, a.Cond = c.kw, c.cond
	}
	f.Events = append(f.Events, Event{Assign: a})
}

// withItems records the names a with statement's header (from token i)
// binds: `with Pool(4) as pool, open(p) as fh:` assigns pool and fh.
// A target that is not a name or a dotted name (a tuple) binds nothing
// here.
func (b *builder) withItems(i int) {
	e := b.headerEnd(i)
	if e <= i {
		return
	}
	if b.is(i, Op, "(") && b.closing(i) == e-1 {
		i, e = i+1, e-1 // with (a as x, b as y):
	}
	start := i
	item := func(end int) {
		as := -1
		b.level(start, func(k, depth int, op string) bool {
			if k >= end {
				return true
			}
			if depth == 0 && b.is(k, Name, "as") {
				as = k
				return true
			}
			return false
		})
		if as <= start || !b.is(as+1, Name, "") || b.chainEnd(as+1) != end {
			return
		}
		a := &Assign{Target: b.chainText(as+1, end), Value: b.span(start, as), Pos: b.toks[as+1].Start,
			ValueOff: int(b.toks[start].Off), ValueEnd: int(b.toks[as-1].EndOff)}
		f := b.fn()
		if c := b.cur(); c != nil && c.fn == f && c.kw != "" {
			a.Block, a.Cond = c.kw, c.cond
		}
		f.Events = append(f.Events, Event{Assign: a})
		b.withAt = append(b.withAt, start)
		b.withTargets = append(b.withTargets, a.Target)
	}
	b.level(i, func(k, depth int, op string) bool {
		if k >= e {
			return true
		}
		if op == "," && depth == 0 {
			item(k)
			start = k + 1
		}
		return false
	})
	item(e)
}

// targetText is an assignment target's text: dotted names without the
// spaces between their parts, subscripts as written.
func (b *builder) targetText(i, e int) string {
	var sb strings.Builder
	for k := i; k < e; k++ {
		t := b.toks[k]
		if b.is(k, Op, "[") {
			end := min(b.closing(k), e-1)
			sb.WriteString(string(b.src[t.Off:b.toks[end].EndOff]))
			k = end
			continue
		}
		sb.WriteString(b.text(t))
	}
	return sb.String()
}

// closing returns the index of the bracket that closes the one at i (or
// the last token).
func (b *builder) closing(i int) int {
	e := b.level(i, func(k, depth int, op string) bool {
		return depth == 0 && (op == ")" || op == "]" || op == "}")
	})
	return min(e, len(b.toks)-1)
}

// params reads a def's parameter list from its '(' at i.
func (b *builder) params(i int) []Param {
	if !b.is(i, Op, "(") {
		return nil
	}
	var ps []Param
	for _, a := range b.args(i) {
		p := Param{}
		text := a.text
		switch {
		case strings.HasPrefix(text, "**"):
			p.Star, text = "**", text[2:]
		case strings.HasPrefix(text, "*"):
			p.Star, text = "*", text[1:]
		}
		name := strings.TrimSpace(text)
		if k := strings.IndexAny(name, ":="); k >= 0 {
			name = strings.TrimSpace(name[:k])
		}
		if a.kw != "" { // `name=default` (no annotation)
			name = a.kw
		}
		if name == "" || name == "/" {
			continue
		}
		p.Name, p.Default = name, a.value
		if a.kw == "" {
			// `name: T = default`: the default follows the '=' at the top
			// level of the parameter, the annotation the ':'
			eq := topLevelEq(text)
			if eq >= 0 {
				p.Default = strings.TrimSpace(text[eq+1:])
			} else {
				eq = len(text)
			}
			if _, ann, ok := strings.Cut(text[:eq], ":"); ok && !strings.ContainsAny(text[:eq], `"'`) {
				p.Annotation = strings.TrimSpace(ann)
			}
		}
		ps = append(ps, p)
	}
	return ps
}

// topLevelEq returns the index of the '=' of an annotated parameter (`n:
// int = 3`), or -1 without one or when a string in the annotation makes it
// unsafe to tell.
func topLevelEq(s string) int {
	depth := 0
	for k := 0; k < len(s); k++ {
		switch s[k] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		case '=':
			if depth == 0 && (k+1 >= len(s) || s[k+1] != '=') && (k == 0 || !strings.ContainsRune("=!<>", rune(s[k-1]))) {
				return k
			}
		case '"', '\'':
			return -1 // a string in an annotation: give up rather than guess
		}
	}
	return -1
}

// mainGuard reports whether tokens from i read `__name__ == "__main__" :`
// (either way round).
func (b *builder) mainGuard(i int) bool {
	isMain := func(k int) bool {
		if !b.is(k, String, "") {
			return false
		}
		s := b.text(b.toks[k])
		return s == `"__main__"` || s == `'__main__'`
	}
	return (b.is(i, Name, "__name__") && b.is(i+1, Op, "==") && isMain(i+2) ||
		isMain(i) && b.is(i+1, Op, "==") && b.is(i+2, Name, "__name__")) && b.is(i+3, Op, ":")
}

func (b *builder) pushBlock(oneLine bool) {
	blk := block{fn: b.fn(), class: b.className(), oneLine: oneLine}
	if !b.pendOK && b.pendKw != "" {
		blk.kw, blk.cond = b.pendKw, b.pendCond
	}
	b.pendKw, b.pendCond = "", ""
	if b.pendOK {
		switch {
		case b.pendFn != nil:
			blk.fn, blk.class = b.pendFn, ""
		case b.pendClass != "":
			blk.class = b.pendClass
		case b.pendMain:
			if b.m.Main == nil {
				b.m.Main = &Func{Name: "<main>"}
			}
			blk.fn = b.m.Main
		}
	}
	b.pendFn, b.pendClass, b.pendMain, b.pendOK = nil, "", false, false
	b.blocks = append(b.blocks, blk)
}

// chain reads NAME (. NAME)* from i and returns the index after it and the
// dotted text.
func (b *builder) chain(i int) (int, string) {
	j := b.chainEnd(i)
	return j, b.chainText(i, j)
}

// chainEnd returns the index after NAME (. NAME)* starting at i.
func (b *builder) chainEnd(i int) int {
	j := i + 1
	for j+1 < len(b.toks) && b.toks[j].Kind == Op && b.toks[j+1].Kind == Name &&
		b.toks[j].EndOff == b.toks[j].Off+1 && b.src[b.toks[j].Off] == '.' {
		j += 2
	}
	return j
}

// chainText is the dotted name of tokens i..j (as chainEnd found them),
// without the spaces or line continuations that may separate them.
func (b *builder) chainText(i, j int) string {
	if j == i+1 {
		return b.text(b.toks[i])
	}
	var sb strings.Builder
	for k := i; k < j; k += 2 {
		if k > i {
			sb.WriteByte('.')
		}
		sb.WriteString(b.text(b.toks[k]))
	}
	return sb.String()
}

// exprEnd returns the index of the token that ends the expression starting
// at i: a NEWLINE, ';' or unmatched closing bracket at depth 0.
func (b *builder) exprEnd(i int) int {
	return b.level(i, func(k, depth int, op string) bool {
		return lineEnd(b.toks[k].Kind) || depth < 0 || op == ";" && depth == 0
	})
}

// arg is one argument (or parameter) between brackets: its text, and
// for `name=value` the name and the value's text.
type arg struct {
	text, kw, value string
	starStar        bool
}

// args splits the bracketed list whose opening bracket is at open into
// its top-level comma-separated items.
func (b *builder) args(open int) []arg {
	var out []arg
	start := open + 1
	flush := func(end int) {
		if end <= start {
			return
		}
		first, last := b.toks[start], b.toks[end-1]
		a := arg{text: strings.TrimSpace(string(b.src[first.Off:last.EndOff]))}
		switch {
		case b.is(start, Op, "**"):
			a.starStar = true
		case b.is(start, Name, "") && b.is(start+1, Op, "="):
			a.kw = b.text(first)
			if end > start+2 {
				a.value = strings.TrimSpace(string(b.src[b.toks[start+2].Off:last.EndOff]))
			}
		}
		out = append(out, a)
	}
	e := b.level(open+1, func(k, depth int, op string) bool {
		if b.toks[k].Kind == EndMarker || depth < 0 {
			return true
		}
		if op == "," && depth == 0 {
			flush(k)
			start = k + 1
		}
		return false
	})
	if e < len(b.toks) && b.toks[e].Kind != EndMarker {
		flush(e)
	}
	return out
}

// call records a call of name whose first token is i and whose '(' is at
// open.
func (b *builder) call(name string, i, open int) {
	c := &Call{Callee: name, Pos: b.toks[i].Start, Off: int(b.toks[i].Off)}
	if i == b.assignAt {
		c.Target = b.assignTarget
	}
	for k, at := range b.withAt {
		if i == at {
			c.Target = b.withTargets[k]
		}
	}
	for _, a := range b.args(open) {
		switch {
		case a.starStar:
			c.StarStar = true
		case a.kw != "":
			c.Keywords = append(c.Keywords, Keyword{Name: a.kw, Value: a.value})
		default:
			c.Args = append(c.Args, a.text)
		}
	}
	f := b.fn()
	f.Events = append(f.Events, Event{Call: c})
}

// importStmt: import a.b as c, d
func (b *builder) importStmt(i int) {
	for b.is(i, Name, "") {
		j, name := b.chain(i)
		bind := name
		if k := strings.IndexByte(name, '.'); k > 0 {
			bind = name[:k]
		}
		if b.is(j, Name, "as") && b.is(j+1, Name, "") {
			bind = b.text(b.toks[j+1])
			j += 2
		}
		b.m.Imports = append(b.m.Imports, Import{Module: name, Bind: bind, Pos: b.toks[i].Start})
		if !b.is(j, Op, ",") {
			return
		}
		i = j + 1
	}
}

// fromStmt: from ..a.b import (c as d, e) | *
func (b *builder) fromStmt(i int) {
	var mod strings.Builder
	pos := Pos{}
	if i < len(b.toks) {
		pos = b.toks[i].Start
	}
	for b.is(i, Op, ".") || b.is(i, Op, "...") {
		mod.WriteString(b.text(b.toks[i]))
		i++
	}
	if b.is(i, Name, "") && !b.is(i, Name, "import") {
		j, name := b.chain(i)
		mod.WriteString(name)
		i = j
	}
	if !b.is(i, Name, "import") {
		return
	}
	i++
	if b.is(i, Op, "(") {
		i++
	}
	if b.is(i, Op, "*") {
		b.m.Imports = append(b.m.Imports, Import{Module: mod.String(), Name: "*", Pos: pos})
		return
	}
	for b.is(i, Name, "") {
		name := b.text(b.toks[i])
		bind := name
		j := i + 1
		if b.is(j, Name, "as") && b.is(j+1, Name, "") {
			bind = b.text(b.toks[j+1])
			j += 2
		}
		b.m.Imports = append(b.m.Imports, Import{Module: mod.String(), Name: name, Bind: bind, Pos: pos})
		if !b.is(j, Op, ",") {
			return
		}
		i = j + 1
	}
}

// Resolve replaces the first component of a dotted name by what the
// module's imports bind it to: with `import numpy as np`,
// "np.random.seed" resolves to "numpy.random.seed". Names not bound by an
// import are returned unchanged. A name starting with "." is returned
// unchanged.
func (m *Module) Resolve(dotted string) string {
	head, rest := dotted, ""
	if i := strings.IndexByte(dotted, '.'); i >= 0 {
		head, rest = dotted[:i], dotted[i:]
	}
	if head == "" {
		return dotted
	}
	for k := len(m.Imports) - 1; k >= 0; k-- {
		im := m.Imports[k]
		if im.Bind == head && im.Name != "*" {
			return im.Target() + rest
		}
	}
	return dotted
}

// Binding returns the import that binds name in the module, if any.
func (m *Module) Binding(name string) (Import, bool) {
	for k := len(m.Imports) - 1; k >= 0; k-- {
		if im := m.Imports[k]; im.Bind == name && im.Name != "*" {
			return im, true
		}
	}
	return Import{}, false
}

// Imported reports whether the module imports the top-level package pkg
// (e.g. "torch") in any form.
func (m *Module) Imported(pkg string) bool {
	for _, im := range m.Imports {
		if im.Module == pkg || strings.HasPrefix(im.Module, pkg+".") {
			return true
		}
	}
	return false
}
