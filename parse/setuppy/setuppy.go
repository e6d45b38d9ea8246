package setuppy

import (
	"fmt"
	"path"
	"strings"

	"github.com/git-repro/git-repro/parse/pipreq"
	"github.com/git-repro/git-repro/parse/python"
)

// Setup is what a setup.py or setup.cfg declares.
type Setup struct {
	// Line is the line of the setup(...) call (setup.py) or of the
	// [options] section (setup.cfg); 0 when there is none.
	Line int
	// InstallRequires, ExtrasRequire and PythonRequires are nil when the
	// file does not set them. ExtrasRequire's requirements carry their
	// extra's name.
	InstallRequires *Field
	ExtrasRequire   *Field
	PythonRequires  *Value
	// Name is the distribution name (name= or [metadata] name), nil when
	// the file does not set it.
	Name *Value
	// Keywords are the setup() keyword arguments the file passes (for
	// setup.cfg, the keys of [metadata] and [options]), each with its
	// line: "classifiers", "entry_points", "package_data", ...
	Keywords map[string]int
	// PackageData is package_data (setup.cfg [options.package_data]): glob
	// patterns of the data files each package ships, relative to the
	// package's directory; the key "" (written "" or "*") is every
	// package. Entries that are not literals are left out.
	PackageData map[string][]string
	// IncludePackageData is include_package_data when written as a
	// literal, nil otherwise (setuptools' default then applies).
	IncludePackageData *bool
	// Extensions are the C/C++/CUDA extension modules the file builds.
	Extensions []Extension
	// ExtModulesLine is the line of a non-empty ext_modules= argument.
	ExtModulesLine int
	// Dynamic lists what could not be read statically in the setup() call
	// itself (e.g. "setup() also takes **kwargs"); each field has its own.
	Dynamic []string
	// Errors are lines of setup.cfg that do not parse; the rest is still
	// read. (setup.py that does not tokenize is ParseSetupPy's error.)
	Errors []Error
}

// BuildsExtensions reports whether the file builds C/C++/CUDA extensions:
// a setup.py whose whole job may be a nested extension build inside a
// larger project.
func (s *Setup) BuildsExtensions() bool { return len(s.Extensions) > 0 || s.ExtModulesLine > 0 }

// Field is one requirements-valued argument or option.
type Field struct {
	// Line is the line of the keyword (install_requires=) or option key.
	Line int
	// Expr is the value as written in setup.py, one line, for messages
	// ("requirements", "get_requires()"); empty for setup.cfg.
	Expr string
	// Requirements are the requirements read statically, in order.
	Requirements []Requirement
	// Files are requirements files the value reads (by name, relative to
	// the setup file's directory as written): the requirements are there.
	Files []FileRef
	// Variable is the module-level variable the value was passed through.
	Variable string
	// Dynamic says why the value, or part of it, could not be read
	// statically; "" when Requirements and Files are all of it.
	Dynamic string
}

// Unpinned returns the requirements that do not pin one version (their
// Unpinned reason is not empty), requirements that do not parse included.
func (f *Field) Unpinned() []Requirement {
	if f == nil {
		return nil
	}
	var out []Requirement
	for _, r := range f.Requirements {
		if r.Unpinned() != "" {
			out = append(out, r)
		}
	}
	return out
}

// Requirement is one requirement string.
type Requirement struct {
	// Text is the requirement as the file gives it (a string's value, or
	// a setup.cfg line), trimmed.
	Text string
	// Line and Col locate it (1-based; Col counts code points).
	Line, Col int
	// Extra is the extras_require key, "" for install_requires.
	Extra string
	Req   pipreq.Requirement
	// Err is set when Text is not a valid requirement.
	Err error
}

// Unpinned says what is unpinned in a short lowercase phrase (pipreq's
// verdict: "no version specifier", "\">=1.2\" allows more than one
// version", ...), or "" when the requirement pins one artifact.
func (r Requirement) Unpinned() string {
	if r.Err != nil {
		return "not a valid requirement: " + r.Err.Error()
	}
	return r.Req.Unpinned()
}

// FileRef is a requirements file read by name.
type FileRef struct {
	Path string
	Line int
}

// Value is a string-valued argument (python_requires).
type Value struct {
	Text    string
	Line    int
	Dynamic string // why it could not be read; Text is then ""
}

// Extension is one extension module built by the file.
type Extension struct {
	Kind string // "Extension", "CppExtension", "CUDAExtension", "Pybind11Extension", "cythonize", ...
	Line int
}

// Error is a line that does not parse.
type Error struct {
	Line int
	Msg  string
}

func (e Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// extensionCalls are the callables that make an extension module.
var extensionCalls = map[string]bool{
	"Extension": true, "CppExtension": true, "CUDAExtension": true, "SyclExtension": true,
	"Pybind11Extension": true, "CMakeExtension": true, "RustExtension": true, "cythonize": true,
}

// augmented are the augmented assignment operators.
var augmented = map[string]bool{"+=": true, "-=": true, "*=": true, "|=": true, "/=": true, "//=": true, "%=": true,
	"&=": true, "^=": true, "<<=": true, ">>=": true, "**=": true, "@=": true}

// maxDepth bounds variable resolution (a = b; b = a).
const maxDepth = 8

// ParseSetupPy reads a setup.py statically. The error is the tokenizer's
// (a *python.Error with its line) for source that is not Python; nothing
// is returned then.
func ParseSetupPy(src []byte) (*Setup, error) {
	toks, err := python.TokenizeOptions(src, python.Options{Legacy: true})
	if err != nil {
		return nil, err
	}
	p := &pyReader{src: src, assigns: map[string][][2]int{}, mutated: map[string]bool{}, withFile: map[string]string{}}
	for _, t := range toks {
		switch t.Kind {
		case python.NL, python.Comment:
			continue
		}
		p.toks = append(p.toks, t)
	}
	p.scanModule()
	out := &Setup{Keywords: map[string]int{}}
	p.extensions(out)
	call := p.findSetup()
	if call < 0 {
		return out, nil
	}
	out.Line = p.line(call)
	open := call + 1
	end := p.match(open)
	for _, arg := range p.split(open+1, end, ",") {
		a, b := arg[0], arg[1]
		if a >= b {
			continue
		}
		switch {
		case p.isOp(a, "**"):
			out.Dynamic = append(out.Dynamic, fmt.Sprintf("setup() also takes **%s, whose keys are known only at run time", p.text(a+1, b)))
			continue
		case p.isOp(a, "*"):
			continue
		case !(p.is(a, python.Name) && a+1 < b && p.isOp(a+1, "=")):
			continue // positional
		}
		name := p.tokText(a)
		va, vb := a+2, b
		if _, ok := out.Keywords[name]; !ok {
			out.Keywords[name] = p.line(a)
		}
		switch name {
		case "name":
			v := p.stringValueOf(va, vb, 0)
			v.Line = p.line(a)
			out.Name = &v
		case "package_data":
			out.PackageData = p.stringListDict(va, vb, 0)
		case "include_package_data":
			if x, y := p.unwrap(va, vb); y-x == 1 && (p.isName(x, "True") || p.isName(x, "False")) {
				v := p.isName(x, "True")
				out.IncludePackageData = &v
			}
		case "install_requires":
			f := p.requirementsField(va, vb, "")
			f.Line = p.line(a)
			out.InstallRequires = f
		case "extras_require":
			f := p.extrasField(va, vb)
			f.Line = p.line(a)
			out.ExtrasRequire = f
		case "python_requires":
			v := p.stringValueOf(va, vb, 0)
			v.Line = p.line(a)
			out.PythonRequires = &v
		case "ext_modules":
			if !(vb-va == 2 && (p.isOp(va, "[") && p.isOp(va+1, "]") || p.isOp(va, "(") && p.isOp(va+1, ")"))) {
				out.ExtModulesLine = p.line(a)
			}
		}
	}
	return out, nil
}

// pyReader holds the significant tokens of a module (no NL, no comments).
type pyReader struct {
	src  []byte
	toks []python.Token
	// assigns maps a module-level name to the token ranges of the values
	// assigned to it; mutated marks names changed in place or rebound by
	// a loop, an augmented assignment or a tuple target.
	assigns map[string][][2]int
	mutated map[string]bool
	// withFile maps "with open(<path>) as f" names to the path.
	withFile map[string]string
}

func (p *pyReader) tokText(i int) string { return p.toks[i].Text(p.src) }
func (p *pyReader) line(i int) int       { return int(p.toks[i].Start.Line) }
func (p *pyReader) is(i int, k python.Kind) bool {
	return i >= 0 && i < len(p.toks) && p.toks[i].Kind == k
}
func (p *pyReader) isOp(i int, s string) bool   { return p.is(i, python.Op) && p.tokText(i) == s }
func (p *pyReader) isName(i int, s string) bool { return p.is(i, python.Name) && p.tokText(i) == s }

// text returns the source of tokens [a, b) on one line.
func (p *pyReader) text(a, b int) string {
	if a >= b || a < 0 || b > len(p.toks) {
		return ""
	}
	return strings.Join(strings.Fields(string(p.src[p.toks[a].Off:p.toks[b-1].EndOff])), " ")
}

// match returns the index of the bracket closing the one at i (or
// len(toks) when unbalanced).
func (p *pyReader) match(i int) int {
	depth := 0
	for j := i; j < len(p.toks); j++ {
		if p.is(j, python.Op) {
			switch p.tokText(j) {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
				if depth == 0 {
					return j
				}
			}
		}
		if p.is(j, python.Newline) || p.is(j, python.EndMarker) {
			return j
		}
	}
	return len(p.toks)
}

// atTop calls fn with each token of [a, b) that is outside brackets (the
// brackets themselves excluded) until fn returns true, and returns that
// token's index, or b.
func (p *pyReader) atTop(a, b int, fn func(j int) bool) int {
	depth := 0
	for j := a; j < b; j++ {
		if p.is(j, python.Op) {
			switch p.tokText(j) {
			case "(", "[", "{":
				depth++
				continue
			case ")", "]", "}":
				depth--
				continue
			}
		}
		if depth == 0 && fn(j) {
			return j
		}
	}
	return b
}

// split cuts [a, b) at the given operator outside brackets.
func (p *pyReader) split(a, b int, op string) [][2]int {
	var out [][2]int
	start := a
	p.atTop(a, b, func(j int) bool {
		if p.isOp(j, op) {
			out = append(out, [2]int{start, j})
			start = j + 1
		}
		return false
	})
	return append(out, [2]int{start, b})
}

// scanModule records module-level assignments, in-place changes and
// "with open(...) as f" bindings.
func (p *pyReader) scanModule() {
	type block struct{ fn bool }
	var stack []block
	pendingFn := false // the last compound statement opened a def/class
	inFn := func() bool {
		for _, b := range stack {
			if b.fn {
				return true
			}
		}
		return false
	}
	start := 0
	for i := 0; i < len(p.toks); i++ {
		switch p.toks[i].Kind {
		case python.Indent:
			stack = append(stack, block{fn: pendingFn})
			pendingFn = false
			start = i + 1
			continue
		case python.Dedent:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			start = i + 1
			continue
		case python.Newline, python.EndMarker:
		default:
			continue
		}
		// A logical line: tokens [start, i).
		a := start
		start = i + 1
		for a < i && p.isOp(a, "@") { // decorator line
			a = i
		}
		if a >= i {
			continue
		}
		first := p.tokText(a)
		compound := p.isOp(i-1, ":")
		if first == "def" || first == "class" || first == "async" {
			pendingFn = compound
			p.mutations(a, i)
			continue
		}
		pendingFn = false
		p.mutations(a, i)
		if inFn() {
			continue
		}
		p.statement(a, i)
	}
}

// statement reads one module-level simple statement, or the header of a
// compound one (with, for), and any statement after its colon.
func (p *pyReader) statement(a, b int) {
	switch p.tokText(a) {
	case "with":
		colon := p.headerColon(a, b)
		for _, item := range p.split(a+1, colon, ",") {
			x, y := item[0], item[1]
			if y-x >= 2 && p.isName(y-2, "as") && p.is(y-1, python.Name) {
				if f, ok := p.readsFile(x, y-2); ok {
					p.withFile[p.tokText(y-1)] = f
				}
			}
		}
		if colon+1 < b {
			p.statement(colon+1, b)
		}
		return
	case "for":
		for j := a + 1; j < b && !p.isName(j, "in"); j++ {
			if p.is(j, python.Name) {
				p.mutated[p.tokText(j)] = true
			}
		}
		return
	case "if", "elif", "else", "try", "except", "finally", "while":
		if colon := p.headerColon(a, b); colon+1 < b {
			p.statement(colon+1, b)
		}
		return
	}
	// Assignment targets: a = b = value; annotated a: T = value.
	var targets []int
	x := a
	for {
		eq := p.atTop(x, b, func(j int) bool {
			if j == x+1 && p.is(x, python.Name) && augmented[p.tokText(j)] && p.is(j, python.Op) {
				p.mutated[p.tokText(x)] = true
			}
			return p.isOp(j, "=")
		})
		if eq == b {
			break
		}
		switch {
		case eq == x+1 && p.is(x, python.Name):
			targets = append(targets, x)
		case eq > x+2 && p.is(x, python.Name) && p.isOp(x+1, ":"):
			targets = append(targets, x) // annotated
		default:
			for j := x; j < eq; j++ { // tuple or attribute targets
				if p.is(j, python.Name) && !p.isOp(j-1, ".") {
					p.mutated[p.tokText(j)] = true
				}
			}
		}
		x = eq + 1
	}
	for _, t := range targets {
		name := p.tokText(t)
		p.assigns[name] = append(p.assigns[name], [2]int{x, b})
	}
}

// headerColon finds the colon that ends a compound statement's header.
func (p *pyReader) headerColon(a, b int) int {
	return p.atTop(a, b, func(j int) bool { return p.isOp(j, ":") })
}

// mutations marks names changed in place anywhere in [a, b):
// x.append(...), x.extend(...), x[...] = ..., global rebinding.
func (p *pyReader) mutations(a, b int) {
	for j := a; j+2 < b; j++ {
		if !p.is(j, python.Name) || p.isOp(j-1, ".") {
			continue
		}
		if p.isOp(j+1, ".") {
			switch p.tokText(j + 2) {
			case "append", "extend", "insert", "remove", "pop", "clear", "update", "setdefault", "sort", "reverse":
				p.mutated[p.tokText(j)] = true
			}
		}
		if p.isOp(j+1, "[") {
			if k := p.match(j + 1); k+1 < b && p.isOp(k+1, "=") {
				p.mutated[p.tokText(j)] = true
			}
		}
	}
	if p.isName(a, "global") || p.isName(a, "nonlocal") {
		for j := a + 1; j < b; j++ {
			if p.is(j, python.Name) {
				p.mutated[p.tokText(j)] = true
			}
		}
	}
}

// findSetup returns the index of the "setup" name of the setup(...) call,
// or -1.
func (p *pyReader) findSetup() int {
	for i := 0; i+1 < len(p.toks); i++ {
		if !p.isName(i, "setup") || !p.isOp(i+1, "(") || p.isName(i-1, "def") {
			continue
		}
		if p.isOp(i-1, ".") && (p.isName(i-2, "self") || p.isName(i-2, "cls")) {
			continue
		}
		return i
	}
	return -1
}

// extensions finds the extension modules the file makes, anywhere in it:
// calls of the extension classes, and references to them outside import
// statements (extension = CUDAExtension; extension(...)).
func (p *pyReader) extensions(out *Setup) {
	importLine := false
	seen := map[Extension]bool{}
	for i := range p.toks {
		switch p.toks[i].Kind {
		case python.Newline, python.Indent, python.Dedent:
			importLine = false
			continue
		}
		if (p.isName(i, "import") || p.isName(i, "from")) && (i == 0 || p.is(i-1, python.Newline) || p.is(i-1, python.Indent) || p.is(i-1, python.Dedent)) {
			importLine = true
		}
		if importLine || !p.is(i, python.Name) || !extensionCalls[p.tokText(i)] || p.isName(i-1, "def") || p.isName(i-1, "class") {
			continue
		}
		e := Extension{Kind: p.tokText(i), Line: p.line(i)}
		if !seen[e] {
			seen[e] = true
			out.Extensions = append(out.Extensions, e)
		}
	}
}

// literal returns the value of [a, b) when it is only string literals
// (implicitly concatenated), with the position of the first.
func (p *pyReader) literal(a, b int) (string, bool) {
	if a >= b {
		return "", false
	}
	var sb strings.Builder
	for j := a; j < b; j++ {
		if !p.is(j, python.String) {
			return "", false
		}
		v, ok := stringValue(p.tokText(j))
		if !ok {
			return "", false
		}
		sb.WriteString(v)
	}
	return sb.String(), true
}

// unwrap removes enclosing parentheses and list()/tuple()/sorted() calls
// around a single argument.
func (p *pyReader) unwrap(a, b int) (int, int) {
	for a < b {
		switch {
		case p.isOp(a, "(") && p.match(a) == b-1 && len(p.split(a+1, b-1, ",")) == 1:
			a, b = a+1, b-1
		case (p.isName(a, "list") || p.isName(a, "tuple") || p.isName(a, "sorted")) && p.isOp(a+1, "(") && p.match(a+1) == b-1 &&
			len(p.split(a+2, b-1, ",")) == 1:
			a, b = a+2, b-1
		default:
			return a, b
		}
	}
	return a, b
}

// requirementsField reads a requirements-list expression [a, b).
func (p *pyReader) requirementsField(a, b int, extra string) *Field {
	f := &Field{Expr: p.text(a, b)}
	p.list(f, a, b, extra, 0)
	return f
}

func (f *Field) dynamic(format string, args ...any) {
	if f.Dynamic == "" {
		f.Dynamic = fmt.Sprintf(format, args...)
	}
}

// list adds what the expression [a, b) contributes to the field.
func (p *pyReader) list(f *Field, a, b int, extra string, depth int) {
	a, b = p.unwrap(a, b)
	if a >= b {
		f.dynamic("an empty expression")
		return
	}
	if parts := p.split(a, b, "+"); len(parts) > 1 {
		for _, part := range parts {
			p.list(f, part[0], part[1], extra, depth)
		}
		return
	}
	if s, ok := p.literal(a, b); ok {
		// A string: setuptools reads one requirement per line.
		line, col := p.line(a), int(p.toks[a].Start.Col)+1
		multi := strings.Contains(p.tokText(a), "\n") || strings.Contains(s, "\n")
		for i, l := range strings.Split(s, "\n") {
			l, _, _ = strings.Cut(l, " #")
			if l = strings.TrimSpace(l); l == "" || strings.HasPrefix(l, "#") {
				continue
			}
			r := newRequirement(l, line, col, extra)
			if multi {
				r.Line, r.Col = line+i, 0
			}
			f.Requirements = append(f.Requirements, r)
		}
		return
	}
	if (p.isOp(a, "[") || p.isOp(a, "(")) && p.match(a) == b-1 {
		if p.comprehension(a+1, b-1) {
			p.fileOrDynamic(f, a, b)
			return
		}
		for _, el := range p.split(a+1, b-1, ",") {
			x, y := el[0], el[1]
			if x >= y {
				continue // trailing comma
			}
			s, ok := p.literal(x, y)
			if !ok {
				if p.isOp(x, "*") {
					p.list(f, x+1, y, extra, depth)
					continue
				}
				f.dynamic("the element %q is not a string literal", p.text(x, y))
				continue
			}
			f.Requirements = append(f.Requirements, newRequirement(strings.TrimSpace(s), p.line(x), int(p.toks[x].Start.Col)+1, extra))
		}
		return
	}
	if b-a == 1 && p.is(a, python.Name) {
		name := p.tokText(a)
		if val, ok := p.variable(f, name, depth); ok {
			if f.Variable == "" {
				f.Variable = name
			}
			p.list(f, val[0], val[1], extra, depth+1)
		}
		return
	}
	p.fileOrDynamic(f, a, b)
}

// variable resolves a module-level name assigned once and never changed.
func (p *pyReader) variable(f *Field, name string, depth int) ([2]int, bool) {
	as := p.assigns[name]
	switch {
	case depth >= maxDepth:
		f.dynamic("%s is defined through too many variables", name)
	case p.mutated[name]:
		f.dynamic("%s is changed after it is assigned", name)
	case len(as) == 0:
		f.dynamic("%s is not assigned at module level", name)
	case len(as) > 1:
		f.dynamic("%s is assigned %d times", name, len(as))
	default:
		return as[0], true
	}
	return [2]int{}, false
}

// comprehension reports whether [a, b) (inside brackets) has a top-level
// "for".
func (p *pyReader) comprehension(a, b int) bool {
	return p.atTop(a, b, func(j int) bool { return p.isName(j, "for") }) < b
}

// fileOrDynamic records a requirements file the expression reads, or the
// expression as dynamic.
func (p *pyReader) fileOrDynamic(f *Field, a, b int) {
	if file, ok := p.readsFile(a, b); ok {
		f.Files = append(f.Files, FileRef{Path: file, Line: p.line(a)})
		return
	}
	f.dynamic("%q is computed when setup.py runs", p.text(a, b))
}

// readsFile recognises an expression that reads a requirements file: a
// call with a requirements-looking path among its string literals
// (open("requirements.txt").read().splitlines(), read_requirements(
// "requirements/base.txt"), Path(here) / "requirements.txt"), or one that
// reads a handle bound by "with open(<requirements file>) as f".
func (p *pyReader) readsFile(a, b int) (string, bool) {
	call := false
	var parts []string
	for j := a; j < b; j++ {
		switch {
		case p.is(j, python.Name) && p.isOp(j+1, "("):
			call = true
		case p.is(j, python.Name):
			if file, ok := p.withFile[p.tokText(j)]; ok && !p.isOp(j-1, ".") {
				return file, true
			}
		case p.is(j, python.String):
			if v, ok := stringValue(p.tokText(j)); ok {
				parts = append(parts, v)
			}
		}
	}
	if !call || len(parts) == 0 {
		return "", false
	}
	// A path may be given in pieces: os.path.join(here, "requirements", "base.txt").
	for i := len(parts) - 1; i >= 0; i-- {
		if looksLikeRequirementsFile(parts[i]) {
			start := i
			for start > 0 && !strings.ContainsAny(parts[start-1], " \n=<>") && !strings.Contains(parts[start-1], ".") {
				start--
			}
			// here + "/requirements.txt" is relative to setup.py too.
			return path.Clean(strings.TrimLeft(strings.Join(parts[start:i+1], "/"), "/")), true
		}
	}
	return "", false
}

func looksLikeRequirementsFile(s string) bool {
	base := strings.ToLower(path.Base(strings.ReplaceAll(s, `\`, "/")))
	if strings.ContainsAny(s, " \n<>=") {
		return false
	}
	return strings.HasSuffix(base, ".txt") || strings.HasSuffix(base, ".in") || strings.HasPrefix(base, "requirements")
}

// extrasField reads extras_require: a dict literal, dict(name=[...]) or a
// module-level variable holding one.
func (p *pyReader) extrasField(a, b int) *Field {
	f := &Field{Expr: p.text(a, b)}
	p.extras(f, a, b, 0)
	return f
}

func (p *pyReader) extras(f *Field, a, b, depth int) {
	a, b = p.unwrap(a, b)
	switch {
	case a < b && p.isOp(a, "{") && p.match(a) == b-1:
		if p.comprehension(a+1, b-1) {
			f.dynamic("a dict comprehension is computed when setup.py runs")
			return
		}
		for _, el := range p.split(a+1, b-1, ",") {
			x, y := el[0], el[1]
			if x >= y {
				continue
			}
			if p.isOp(x, "**") {
				f.dynamic("%q is merged in when setup.py runs", p.text(x+1, y))
				continue
			}
			kv := p.split(x, y, ":")
			if len(kv) != 2 {
				f.dynamic("the entry %q is not key: value", p.text(x, y))
				continue
			}
			key, ok := p.literal(kv[0][0], kv[0][1])
			if !ok {
				f.dynamic("the key %q is not a string literal", p.text(kv[0][0], kv[0][1]))
				continue
			}
			p.list(f, kv[1][0], kv[1][1], key, depth)
		}
	case a < b && p.isName(a, "dict") && p.isOp(a+1, "(") && p.match(a+1) == b-1:
		for _, el := range p.split(a+2, b-1, ",") {
			x, y := el[0], el[1]
			if x >= y {
				continue
			}
			if !(p.is(x, python.Name) && p.isOp(x+1, "=")) {
				f.dynamic("the argument %q of dict() is not name=value", p.text(x, y))
				continue
			}
			p.list(f, x+2, y, p.tokText(x), depth)
		}
	case b-a == 1 && p.is(a, python.Name):
		name := p.tokText(a)
		if val, ok := p.variable(f, name, depth); ok {
			if f.Variable == "" {
				f.Variable = name
			}
			p.extras(f, val[0], val[1], depth+1)
		}
	default:
		f.dynamic("%q is computed when setup.py runs", p.text(a, b))
	}
}

// stringValueOf reads a string-valued expression (a literal or a variable
// holding one).
func (p *pyReader) stringValueOf(a, b, depth int) Value {
	a, b = p.unwrap(a, b)
	if s, ok := p.literal(a, b); ok {
		return Value{Text: strings.TrimSpace(s)}
	}
	if b-a == 1 && p.is(a, python.Name) {
		f := &Field{}
		if val, ok := p.variable(f, p.tokText(a), depth); ok {
			return p.stringValueOf(val[0], val[1], depth+1)
		}
		return Value{Dynamic: f.Dynamic}
	}
	return Value{Dynamic: fmt.Sprintf("%q is computed when setup.py runs", p.text(a, b))}
}

// stringListDict reads a dict of string lists ({"pkg": ["*.txt"]},
// dict(pkg=["*.txt"]) or a variable holding one); entries that are not
// literals are left out. A key "*" is stored as "".
func (p *pyReader) stringListDict(a, b, depth int) map[string][]string {
	out := map[string][]string{}
	add := func(key string, x, y int) {
		x, y = p.unwrap(x, y)
		if key == "*" {
			key = ""
		}
		if s, ok := p.literal(x, y); ok {
			out[key] = append(out[key], s)
			return
		}
		if x < y && (p.isOp(x, "[") || p.isOp(x, "(")) && p.match(x) == y-1 {
			for _, el := range p.split(x+1, y-1, ",") {
				if s, ok := p.literal(el[0], el[1]); ok {
					out[key] = append(out[key], s)
				}
			}
		}
	}
	a, b = p.unwrap(a, b)
	switch {
	case a < b && p.isOp(a, "{") && p.match(a) == b-1:
		for _, el := range p.split(a+1, b-1, ",") {
			if kv := p.split(el[0], el[1], ":"); len(kv) == 2 {
				if key, ok := p.literal(kv[0][0], kv[0][1]); ok {
					add(key, kv[1][0], kv[1][1])
				}
			}
		}
	case a < b && p.isName(a, "dict") && p.isOp(a+1, "(") && p.match(a+1) == b-1:
		for _, el := range p.split(a+2, b-1, ",") {
			if x := el[0]; el[1]-x > 2 && p.is(x, python.Name) && p.isOp(x+1, "=") {
				add(p.tokText(x), x+2, el[1])
			}
		}
	case b-a == 1 && p.is(a, python.Name) && depth < maxDepth:
		if val, ok := p.variable(&Field{}, p.tokText(a), depth); ok {
			return p.stringListDict(val[0], val[1], depth+1)
		}
	}
	return out
}

func newRequirement(text string, line, col int, extra string) Requirement {
	r := Requirement{Text: text, Line: line, Col: col, Extra: extra}
	r.Req, r.Err = pipreq.ParseRequirement(text)
	return r
}
