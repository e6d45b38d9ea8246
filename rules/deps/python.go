package deps

import (
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/conda"
	"github.com/git-repro/git-repro/rules/pip"
)

// pyDecl is one declaration of the project's Python version.
type pyDecl struct {
	checks.Pos
	Source string // "requires-python", ".python-version", ...
	Text   string // as written
	// Exactly one of point and set is meaningful: a point names a release
	// series ("3.11" = any 3.11.x; "3.11.4" = that release); a set is a
	// constraint ("<3.11").
	point []int
	set   pySpecSet
}

func (d pyDecl) String() string { return fmt.Sprintf("%s %q", d.where(), d.Text) }

func (d pyDecl) where() string {
	if d.Source == path.Base(d.Path) {
		return d.Path
	}
	return d.Path + " " + d.Source
}

// pyDeclFiles are the files that declare a Python version by themselves.
var pyDeclFiles = []string{".python-version", "runtime.txt", ".tool-versions"}

// isPyProjectFile matches the files that make a directory a Python
// project whose version should be declared (by name: a conda
// environment's content is confirmed by isPyProject).
func isPyProjectFile(p string) bool {
	return isPythonManifest(p) || isCondaEnvName(p) || pip.IsRequirementsFile(p) || checks.BaseMatch(p, "setup.py", "setup.cfg")
}

// isPyProject is isPyProjectFile with a conda environment confirmed by
// its content.
func (a *analysis) isPyProject(p string) bool {
	if maybeCondaEnv(p) && !isPythonManifest(p) && !pip.IsRequirementsFile(p) {
		return a.isCondaEnv(p)
	}
	return isPyProjectFile(p)
}

func isPyDeclFile(p string) bool {
	return checks.BaseMatch(p, pyDeclFiles...)
}

func (a *analysis) pythonVersions() {
	// The directory a requirements file serves: "requirements/dev.txt"
	// belongs to the project above it.
	projectDir := func(p string) string {
		d := path.Dir(p)
		if pip.IsRequirementsFile(p) {
			if b := strings.ToLower(path.Base(d)); b == "requirements" || b == "reqs" {
				d = path.Dir(d)
			}
		}
		return d
	}
	manifests := map[string][]string{} // dir -> target manifests
	for _, f := range a.p.Targets {
		if f.LFS == nil && a.isPyProject(f.Path) && !a.extensionBuild(f.Path) {
			d := projectDir(f.Path)
			manifests[d] = append(manifests[d], f.Path)
		}
	}
	// A changed declaration re-checks agreement in its directory.
	for _, d := range dirsOf(a.p, isPyDeclFile) {
		if _, ok := manifests[d]; !ok {
			manifests[d] = nil
		}
	}
	dirs := make([]string, 0, len(manifests))
	for d := range manifests {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		var decls []pyDecl
		for dd := d; ; dd = path.Dir(dd) {
			decls = append(decls, a.pyDeclsIn(dd)...)
			if dd == "." || dd == "/" || dd == "" {
				break
			}
		}
		if len(decls) == 0 {
			if ms := manifests[d]; len(ms) > 0 {
				sort.Slice(ms, func(i, j int) bool {
					return manifestRank(ms[i]) < manifestRank(ms[j]) || manifestRank(ms[i]) == manifestRank(ms[j]) && ms[i] < ms[j]
				})
				a.undeclaredPython(d, ms[0])
			}
			continue
		}
		a.pyConflicts(decls)
	}
}

// undeclaredPython reports a project directory whose Python version no
// file declares (see pyelsewhere.go): nothing when its image names it, info
// when only the README or an image's tag fixes it, else REPRO-DEP-130.
func (a *analysis) undeclaredPython(d, manifest string) {
	named, implied := a.imageFixesPython(d)
	if named != "" {
		return
	}
	pos := checks.Pos{Path: manifest}
	hint := "echo 3.11 > .python-version (or the version you run), and keep the other declarations consistent with it"
	if where, text := a.readmePython(d); where != "" {
		a.Add(pythonElsewhereID, checks.Diag{Pos: pos, Hint: hint,
			Message: fmt.Sprintf("the python version of the project %s is stated only in %s (%q), which tells a reader but no tool (pyenv, uv, setup-python, pip's requires-python check); declare it in .python-version or pyproject.toml requires-python too", dirLabel(d), where, text)})
		return
	}
	if implied != "" {
		a.Add(pythonElsewhereID, checks.Diag{Pos: pos, Hint: hint,
			Message: fmt.Sprintf("the python version of the project %s is fixed only by the base image %s, whose tag does not name it: outside the image nothing says which python to use; declare it in .python-version or pyproject.toml requires-python", dirLabel(d), implied)})
		return
	}
	a.Add(noPythonID, checks.Diag{Pos: pos, Hint: hint,
		Message: fmt.Sprintf("no python version is declared for the project %s; declare it in .python-version, pyproject.toml requires-python, environment.yml (python=3.X), runtime.txt, .tool-versions or poetry's python dependency", dirLabel(d))})
}

func dirLabel(d string) string {
	if d == "." {
		return "at the repository root"
	}
	return fmt.Sprintf("in %q", d)
}

func manifestRank(p string) int {
	switch b := path.Base(p); {
	case b == "pyproject.toml":
		return 0
	case b == "Pipfile":
		return 1
	case maybeCondaEnv(p):
		return 2
	case pip.IsRequirementsFile(p):
		return 3
	}
	return 4
}

// pyDeclsIn returns the Python version declarations of one directory.
func (a *analysis) pyDeclsIn(dir string) []pyDecl {
	v := a.p.Memo("pydecls:"+dir, func() any { return a.readPyDecls(dir) })
	return v.([]pyDecl)
}

var pyVersionRe = lazyre.New(`^(?:python-?|cpython-?)?([0-9]+(?:\.[0-9]+){0,2})(?:[^0-9.].*)?$`)

func parsePoint(s string) []int {
	m := pyVersionRe().FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return nil
	}
	return parseRelease(m[1])
}

func parseRelease(s string) []int {
	var out []int
	for _, p := range strings.Split(s, ".") {
		n, err := strconv.Atoi(p)
		if err != nil {
			return nil
		}
		out = append(out, n)
	}
	return out
}

func (a *analysis) readPyDecls(dir string) []pyDecl {
	var out []pyDecl
	// .python-version: the first version line (pyenv allows several).
	if p := joinDir(dir, ".python-version"); a.exists(p) {
		if data, err := a.read(p); err == nil {
			for i, l := range strings.Split(string(data), "\n") {
				l = strings.TrimSpace(l)
				if l == "" || strings.HasPrefix(l, "#") {
					continue
				}
				if pt := parsePoint(l); pt != nil {
					out = append(out, pyDecl{Pos: checks.Pos{Path: p, Line: i + 1}, Source: ".python-version", Text: l, point: pt})
				}
				break
			}
		}
	}
	if p := joinDir(dir, "runtime.txt"); a.exists(p) {
		if data, err := a.read(p); err == nil {
			l := strings.TrimSpace(strings.SplitN(string(data), "\n", 2)[0])
			if strings.HasPrefix(l, "python-") {
				if pt := parsePoint(l); pt != nil {
					out = append(out, pyDecl{Pos: checks.Pos{Path: p, Line: 1}, Source: "runtime.txt", Text: l, point: pt})
				}
			}
		}
	}
	if p := joinDir(dir, ".tool-versions"); a.exists(p) {
		if data, err := a.read(p); err == nil {
			for i, l := range strings.Split(string(data), "\n") {
				f := strings.Fields(l)
				if len(f) >= 2 && f[0] == "python" {
					if pt := parsePoint(f[1]); pt != nil {
						out = append(out, pyDecl{Pos: checks.Pos{Path: p, Line: i + 1}, Source: ".tool-versions", Text: f[1], point: pt})
					}
					break
				}
			}
		}
	}
	if p := joinDir(dir, "pyproject.toml"); a.exists(p) {
		if proj := a.pyproject(p); proj != nil {
			if proj.RequiresPython != "" {
				if set, ok := parsePEP440Set(proj.RequiresPython); ok {
					out = append(out, pyDecl{Pos: checks.Pos{Path: p, Line: proj.RequiresPythonLine}, Source: "requires-python", Text: proj.RequiresPython, set: set})
				}
			}
			if proj.PoetryPython != "" {
				if set, ok := parsePoetrySet(proj.PoetryPython); ok {
					out = append(out, pyDecl{Pos: checks.Pos{Path: p, Line: proj.PoetryPythonLine}, Source: "poetry python", Text: proj.PoetryPython, set: set})
				}
			}
		}
	}
	if p := joinDir(dir, "Pipfile"); a.exists(p) {
		if pf := a.pipfile(p); pf != nil && pf.PythonVersion != "" {
			if pt := parsePoint(pf.PythonVersion); pt != nil {
				out = append(out, pyDecl{Pos: checks.Pos{Path: p, Line: pf.PythonVersionLine}, Source: "python_version", Text: pf.PythonVersion, point: pt})
			}
		}
	}
	// setup.cfg [options] python_requires / setup.py python_requires=...
	for _, n := range []string{"setup.cfg", "setup.py"} {
		p := joinDir(dir, n)
		if !a.exists(p) {
			continue
		}
		if s := a.setupFile(p); s != nil && s.PythonRequires != nil && s.PythonRequires.Text != "" {
			if set, ok := parsePEP440Set(s.PythonRequires.Text); ok {
				out = append(out, pyDecl{Pos: checks.Pos{Path: p, Line: s.PythonRequires.Line}, Source: "python_requires", Text: s.PythonRequires.Text, set: set})
			}
		}
	}
	for _, p := range a.condaEnvsIn(dir) {
		env := a.condaFile(p)
		if env == nil {
			continue
		}
		for _, d := range env.Deps {
			m, ok := conda.ParseMatchSpec(d.Value)
			if !ok || strings.ToLower(m.Name) != "python" || m.Version == "" {
				continue
			}
			decl := pyDecl{Pos: checks.Pos{Path: p, Line: d.Line, Col: d.Col}, Source: path.Base(p), Text: d.Value}
			switch m.Pin {
			case conda.Exact, conda.Fuzzy:
				decl.point = parseRelease(strings.TrimSuffix(strings.TrimSuffix(strings.TrimLeft(m.Version, "="), "*"), "."))
			default:
				set, ok := parsePEP440Set(strings.ReplaceAll(m.Version, "|", "||"))
				if !ok {
					continue
				}
				decl.set = set
			}
			if decl.point != nil || decl.set != nil {
				out = append(out, decl)
			}
		}
	}
	return out
}

// pyConflicts reports pairs of declarations that cannot both hold: two
// release series that differ, or a series that a constraint excludes.
func (a *analysis) pyConflicts(decls []pyDecl) {
	for i, x := range decls {
		for _, y := range decls[i+1:] {
			switch {
			case x.point != nil && y.point != nil:
				if !prefixCompatible(x.point, y.point) {
					a.Add(pythonDiffID, checks.Diag{Pos: y.Pos,
						Message: fmt.Sprintf("python version %s disagrees with %s", y, x),
						Hint:    "declare the same python version everywhere (or drop the redundant declaration)"})
				}
			case x.point != nil && y.set != nil:
				a.pointVsSet(x, y)
			case x.set != nil && y.point != nil:
				a.pointVsSet(y, x)
			}
		}
	}
}

func (a *analysis) pointVsSet(pt, set pyDecl) {
	if set.set.admitsSeries(pt.point) {
		return
	}
	a.Add(pythonDiffID, checks.Diag{Pos: pt.Pos,
		Message: fmt.Sprintf("python version %s is excluded by %s", pt, set),
		Hint:    fmt.Sprintf("change %s or %s so that they agree", pt.where(), set.where())})
}

func prefixCompatible(a, b []int) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// pySpecSet is a constraint on Python releases: OR of ANDs of clauses.
type pySpecSet [][]pyClause

type pyClause struct {
	op       string // ==, !=, >=, <=, >, <
	v        []int
	wildcard bool // ==3.10.* / !=3.10.*
}

func cmpRelease(a, b []int) int {
	n := max(len(a), len(b))
	for i := 0; i < n; i++ {
		x, y := 0, 0
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

func (c pyClause) admits(v []int) bool {
	if c.wildcard {
		eq := len(v) >= len(c.v) && prefixCompatible(v, c.v)
		if c.op == "!=" {
			return !eq
		}
		return eq
	}
	r := cmpRelease(v, c.v)
	switch c.op {
	case "==":
		return r == 0
	case "!=":
		return r != 0
	case ">=":
		return r >= 0
	case "<=":
		return r <= 0
	case ">":
		return r > 0
	case "<":
		return r < 0
	}
	return true
}

func (s pySpecSet) admits(v []int) bool {
	for _, and := range s {
		ok := true
		for _, c := range and {
			if !c.admits(v) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// admitsSeries reports whether some release of the series p satisfies the
// set ("3.11" is 3.11.0 to 3.11.x: its first and a late patch release are
// tried).
func (s pySpecSet) admitsSeries(p []int) bool {
	cands := [][]int{p}
	if len(p) <= 2 {
		lo := append(append([]int(nil), p...), 0)
		hi := append(append([]int(nil), p...), 999)
		if len(p) == 1 {
			lo, hi = append(lo, 0), []int{p[0], 999, 999}
		}
		cands = [][]int{lo, hi}
	}
	for _, c := range cands {
		if s.admits(c) {
			return true
		}
	}
	return false
}

var clauseRe = lazyre.New(`^(===|==|!=|~=|>=|<=|>|<|\^|~|=)?\s*v?([0-9]+(?:\.[0-9]+)*)(\.\*|\*)?$`)

// parsePEP440Set parses a PEP 440 specifier set (also conda's "|" as OR).
func parsePEP440Set(s string) (pySpecSet, bool) {
	return parseSpecSet(s, false)
}

// parsePoetrySet parses a Poetry constraint: "^3.10", "~3.10", ">=3.8,<4",
// ">=3.8 <4", "3.10.*", "||" for OR.
func parsePoetrySet(s string) (pySpecSet, bool) {
	return parseSpecSet(s, true)
}

func parseSpecSet(s string, poetry bool) (pySpecSet, bool) {
	var set pySpecSet
	for _, alt := range strings.Split(s, "||") {
		alt = strings.TrimSpace(alt)
		if alt == "*" || alt == "" {
			return nil, false // no constraint: nothing to compare
		}
		var and []pyClause
		var parts []string
		for _, p := range strings.Split(alt, ",") {
			if poetry {
				// Poetry allows spaces between clauses: ">=3.8 <4.0".
				parts = append(parts, splitPoetryClauses(p)...)
			} else {
				parts = append(parts, strings.TrimSpace(p))
			}
		}
		for _, p := range parts {
			cs, ok := parseClause(strings.TrimSpace(p), poetry)
			if !ok {
				return nil, false
			}
			and = append(and, cs...)
		}
		set = append(set, and)
	}
	return set, len(set) > 0
}

// splitPoetryClauses splits a Poetry constraint at the spaces between
// clauses (">=3.8 <4.0"), keeping an operator with the version that
// follows it after spaces ("> = 3.8" is ">=3.8"). It needs no regexp, so
// the hook path compiles none.
func splitPoetryClauses(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		if n := len(out); n > 0 && strings.ContainsRune(poetryOps, rune(out[n-1][len(out[n-1])-1])) {
			out[n-1] += f
			continue
		}
		out = append(out, f)
	}
	return out
}

// poetryOps are the characters of Poetry's constraint operators.
const poetryOps = "<>=!~^"

func parseClause(c string, poetry bool) ([]pyClause, bool) {
	c = strings.ReplaceAll(c, " ", "")
	m := clauseRe().FindStringSubmatch(c)
	if m == nil {
		return nil, false
	}
	op, v, wild := m[1], parseRelease(m[2]), m[3] != ""
	if v == nil {
		return nil, false
	}
	next := func(v []int, at int) []int {
		out := append([]int(nil), v[:at+1]...)
		out[at]++
		return out
	}
	switch op {
	case "", "=":
		// A bare version: exact in PEP 440 requires-python would be
		// invalid; Poetry and conda read it as the release series.
		return []pyClause{{op: "==", v: v, wildcard: true}}, true
	case "===":
		return []pyClause{{op: "==", v: v}}, true
	case "==", "!=":
		return []pyClause{{op: op, v: v, wildcard: wild}}, true
	case "~=":
		if len(v) < 2 {
			return nil, false
		}
		return []pyClause{{op: ">=", v: v}, {op: "<", v: next(v, len(v)-2)}}, true
	case "^":
		at := 0
		for at < len(v)-1 && v[at] == 0 {
			at++
		}
		return []pyClause{{op: ">=", v: v}, {op: "<", v: next(v, at)}}, true
	case "~":
		at := 0
		if len(v) >= 2 {
			at = 1
		}
		return []pyClause{{op: ">=", v: v}, {op: "<", v: next(v, at)}}, true
	}
	if wild {
		return nil, false
	}
	return []pyClause{{op: op, v: v}}, true
}
