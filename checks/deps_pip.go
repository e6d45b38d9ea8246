package checks

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/git-repro/git-repro/parse/pipreq"
)

// The pip family: requirements files (requirements*.txt, requirements/*.txt,
// constraints*.txt, pip-tools *.in) and everything they include. One
// analysis per run (pipAnalysis) parses each file once; each rule reports
// its share of it.

const (
	pipUnpinnedID  = "REPRO-DEP-001"
	pipNoHashID    = "REPRO-DEP-002"
	pipIncludeID   = "REPRO-DEP-003"
	pipCycleID     = "REPRO-DEP-004"
	pipParseID     = "REPRO-DEP-005"
	pipStaleID     = "REPRO-DEP-006"
	pipMaxFileSize = 8 << 20
)

var pipRules = []*Rule{
	{
		ID:       pipUnpinnedID,
		Category: CatDeps,
		Severity: Error,
		Title:    "unpinned pip requirement",
		Doc: "A requirement without an exact pin installs whatever the index serves on the day: " +
			"`numpy` or `pandas>=2.0` today and in six months are different packages, and the " +
			"result they produce may differ too.\n\n" +
			"A requirement is pinned when it selects exactly one artifact: `name==X.Y.Z` " +
			"(no wildcard: `==2.0.*` matches many versions), `name===X`, a VCS URL at a full " +
			"commit hash (`git+https://...@<40-hex sha>`; a branch or tag can move), a wheel " +
			"file, a URL with a `#sha256=` fragment, or a local path in the repository (an " +
			"absolute path or `file:///` URL, as `pip freeze` writes in conda environments, exists " +
			"only on the machine that wrote it). A " +
			"requirement whose name a constraints file (`-c`) pins is pinned too. A pip-tools " +
			"`.in` file is meant to be loose when its compiled `.txt` sits beside it; then only " +
			"the `.txt` is checked.",
		Remediation: "pin exact versions: compile them with \"pip-compile requirements.in\" (pip-tools), " +
			"or capture a working environment with \"pip freeze > requirements.txt\", and write \"pkg==X.Y.Z\"",
		Run: func(p *Pass) { pipReport(p, pipUnpinnedID) },
	},
	{
		ID:       pipNoHashID,
		Category: CatDeps,
		Severity: Error,
		Title:    "requirement without --hash in hash-checking mode",
		Doc: "pip switches to hash-checking mode when any file says `--require-hashes` or any " +
			"requirement carries a `--hash`. Then every requirement must carry a `--hash` (and be " +
			"pinned with `==`), and pip refuses to install the whole set otherwise. Editable, " +
			"VCS and local-directory requirements cannot be hash-checked at all.",
		Remediation: "add hashes for every requirement: \"pip-compile --generate-hashes\", or " +
			"\"pip hash <file>\" and \"--hash=sha256:<digest>\" on each line",
		Run: func(p *Pass) { pipReport(p, pipNoHashID) },
	},
	{
		ID:       pipIncludeID,
		Category: CatDeps,
		Severity: Error,
		Title:    "unresolvable requirements include",
		Doc: "`-r file` and `-c file` are resolved relative to the including file's directory. " +
			"A missing file makes `pip install` fail; a URL or a path outside the repository " +
			"makes the install depend on something the commit does not contain.",
		Remediation: "fix the path (relative to the including file), or copy the file into the repository and include it by a relative path",
		Run:         func(p *Pass) { pipReport(p, pipIncludeID) },
	},
	{
		ID:          pipCycleID,
		Category:    CatDeps,
		Severity:    Error,
		Title:       "requirements include cycle",
		Doc:         "Requirements files that include each other (`-r a.txt` in b.txt and `-r b.txt` in a.txt) make pip fail.",
		Remediation: "remove one of the -r/-c lines that form the cycle",
		Run:         func(p *Pass) { pipReport(p, pipCycleID) },
	},
	{
		ID:          pipParseID,
		Category:    CatDeps,
		Severity:    Error,
		Title:       "invalid requirements file line",
		Doc:         "A line pip cannot parse (an invalid PEP 508 requirement, an unknown option, a bad `--hash`) makes `pip install -r` fail before it installs anything.",
		Remediation: "fix the line; see pip's \"Requirements File Format\" documentation and PEP 508",
		Run:         func(p *Pass) { pipReport(p, pipParseID) },
	},
	{
		ID:       pipStaleID,
		Category: CatDeps,
		Severity: Warning,
		Title:    "compiled requirements out of date",
		Doc: "pip-tools compiles a loose `requirements.in` into a pinned `requirements.txt` beside " +
			"it. When the `.in` file changes and nobody re-runs `pip-compile`, the `.txt` that gets " +
			"installed no longer says what the `.in` asks for: a package added to the `.in` is " +
			"missing, or a raised lower bound (`pandas>=2.1`) is not met by the old pin. Requirements " +
			"with an environment marker are skipped (pip-compile resolves them for one platform).",
		Remediation: "re-run \"pip-compile\" on the .in file and commit the regenerated .txt",
		Run:         func(p *Pass) { pipReport(p, pipStaleID) },
	},
}

// depsSettings is the deps: section of .repro.yaml, read by the pip and
// deps families.
var depsSettings = SectionOf[DepsConfig]("deps")

// DepsConfig holds the deps family's .repro.yaml settings (pip, conda,
// pyproject, locks, Python version).
type DepsConfig struct {
	// AllowUnpinned lists package names exempt from the pin rules (pip,
	// conda and pyproject), compared after PEP 503 canonicalisation.
	AllowUnpinned []string `yaml:"allow-unpinned"`
}

// allowsUnpinned reports whether name is exempt from the pin rules.
func (c *DepsConfig) allowsUnpinned(name string) bool {
	for _, n := range c.AllowUnpinned {
		if name != "" && pipreq.CanonicalName(n) == pipreq.CanonicalName(name) {
			return true
		}
	}
	return false
}

// pipReport emits the diagnostics of one rule from the shared analysis.
func pipReport(p *Pass, rule string) {
	a := p.Memo("pip:analysis", func() any { return analyzePip(p) }).(*pipAnalysis)
	for _, d := range a.diags[rule] {
		p.Report(d)
	}
}

type pipAnalysis struct {
	cfg   *DepsConfig
	diags map[string][]Diag
	seen  map[string]bool
}

func (a *pipAnalysis) add(rule string, d Diag) {
	key := fmt.Sprintf("%s\x00%s\x00%d\x00%s", rule, d.Path, d.Line, d.Message)
	if a.seen[key] {
		return
	}
	a.seen[key] = true
	a.diags[rule] = append(a.diags[rule], d)
}

// isPipFile reports whether path names a requirements or constraints file
// by convention: *requirements*.txt, *constraints*.txt, any .txt in a
// "requirements" directory, and the pip-tools inputs (*.in) of the same
// names. MANIFEST.in, Makefile.in and the like are not.
func isPipFile(p string) bool {
	base := strings.ToLower(path.Base(p))
	ext := path.Ext(base)
	if ext != ".txt" && ext != ".in" {
		return false
	}
	if strings.Contains(base, "requirements") || strings.Contains(base, "constraints") {
		return true
	}
	dir := strings.ToLower(path.Base(path.Dir(p)))
	if dir != "requirements" && dir != "reqs" {
		return false
	}
	for _, doc := range []string{"readme", "license", "changelog", "notes"} {
		if strings.HasPrefix(base, doc) {
			return false
		}
	}
	return true
}

func isConstraintsName(p string) bool {
	return strings.Contains(strings.ToLower(path.Base(p)), "constraints")
}

func analyzePip(p *Pass) *pipAnalysis {
	a := &pipAnalysis{cfg: depsSettings.Get(p.Config), diags: map[string][]Diag{}, seen: map[string]bool{}}
	var cands []string
	for _, f := range p.Targets {
		if f.LFS == nil && f.Mode.IsRegular() && isPipFile(f.Path) {
			cands = append(cands, f.Path)
		}
	}
	if len(cands) == 0 {
		return a
	}
	sort.Strings(cands)
	loader := &pipreq.Loader{Read: func(name string) ([]byte, error) {
		if fi, err := p.Tree.Stat(name); err == nil && fi.Size > pipMaxFileSize {
			return nil, fmt.Errorf("file is larger than %d MiB", pipMaxFileSize>>20)
		}
		return p.Tree.ReadFile(name)
	}}
	sets := map[string]*pipreq.Set{}
	includedByOther := map[string]bool{}
	for _, c := range cands {
		s, err := loader.Load(c, isConstraintsName(c))
		if err != nil {
			a.add(pipParseID, Diag{Pos: Pos{Path: c}, Message: fmt.Sprintf("cannot read %q: %v", c, err)})
			continue
		}
		sets[c] = s
		for _, f := range s.Files[1:] {
			includedByOther[f.Path] = true
		}
	}
	// Roots: candidates no other candidate includes (a file included by
	// requirements.txt is checked in that context: its hash mode and
	// constraints), then any candidate left uncovered (cycles).
	covered := map[string]bool{}
	var roots []string
	addRoot := func(c string) {
		roots = append(roots, c)
		for _, f := range sets[c].Files {
			covered[f.Path] = true
		}
	}
	for _, c := range cands {
		if sets[c] != nil && !includedByOther[c] {
			addRoot(c)
		}
	}
	for _, c := range cands {
		if sets[c] != nil && !covered[c] {
			addRoot(c)
		}
	}
	for _, r := range roots {
		a.checkSet(p, sets[r])
	}
	a.checkCompiled(p, loader, cands)
	return a
}

// checkCompiled compares each pip-tools input (x.in) with its compiled
// sibling (x.txt) when either is a target.
func (a *pipAnalysis) checkCompiled(p *Pass, loader *pipreq.Loader, cands []string) {
	exists := func(name string) bool { _, err := p.Tree.Stat(name); return err == nil }
	pairs := map[string]string{}
	for _, c := range cands {
		stem := strings.TrimSuffix(c, path.Ext(c))
		switch strings.ToLower(path.Ext(c)) {
		case ".in":
			if exists(stem + ".txt") {
				pairs[c] = stem + ".txt"
			}
		case ".txt":
			for _, in := range []string{stem + ".in", stem + ".IN"} {
				if exists(in) {
					pairs[in] = c
					break
				}
			}
		}
	}
	ins := make([]string, 0, len(pairs))
	for in := range pairs {
		ins = append(ins, in)
	}
	sort.Strings(ins)
	for _, in := range ins {
		txt := pairs[in]
		inSet, err1 := loader.Load(in, false)
		txtSet, err2 := loader.Load(txt, false)
		if err1 != nil || err2 != nil {
			continue
		}
		compiled := map[string]*pipreq.Requirement{}
		for _, f := range txtSet.Files {
			if !txtSet.Requirement[f.Path] {
				continue
			}
			for _, l := range f.Lines {
				if l.Req != nil && l.Req.Name != "" {
					compiled[l.Req.CanonicalName()] = l.Req
				}
			}
		}
		hint := fmt.Sprintf("re-run \"pip-compile %s\" (pip-tools) and commit %q", in, txt)
		for _, f := range inSet.Files {
			if !inSet.Requirement[f.Path] {
				continue
			}
			for _, l := range f.Lines {
				r := l.Req
				if r == nil || r.Name == "" || r.Marker != "" || r.Editable || r.Kind == pipreq.KindPath {
					continue
				}
				pos := Pos{Path: f.Path, Line: l.Line, Col: l.Col}
				got, ok := compiled[r.CanonicalName()]
				if !ok {
					a.add(pipStaleID, Diag{Pos: pos, Hint: hint,
						Message: fmt.Sprintf("%q is required here but missing from the compiled %q; re-run pip-compile", r.Name, txt)})
					continue
				}
				if v, pinned := got.PinnedVersion(); pinned && r.Kind == pipreq.KindName && !r.Satisfies(v) {
					a.add(pipStaleID, Diag{Pos: pos, Hint: hint,
						Message: fmt.Sprintf("%q requires %q but the compiled %q pins %q; re-run pip-compile", r.Name, pipSpecs(r), txt, v.String())})
				}
			}
		}
	}
}

func pipSpecs(r *pipreq.Requirement) string {
	var ss []string
	for _, s := range r.Specifiers {
		ss = append(ss, s.String())
	}
	return strings.Join(ss, ",")
}

func (a *pipAnalysis) checkSet(p *Pass, s *pipreq.Set) {
	for _, f := range s.Files {
		for _, e := range f.Errors {
			a.add(pipParseID, Diag{Pos: Pos{Path: f.Path, Line: e.Line, Col: e.Col}, Message: "cannot parse: " + e.Msg})
		}
	}
	for _, e := range s.Edges {
		a.checkEdge(e)
	}
	hashMode, why := s.HashMode()
	pins := s.ConstraintPins()
	compiledTxt := func(in string) string {
		txt := strings.TrimSuffix(in, path.Ext(in)) + ".txt"
		if _, err := p.Tree.Stat(txt); err == nil {
			return txt
		}
		return ""
	}
	// .in files included by a compiled .in are inputs of the same compile.
	rootCompiled := strings.HasSuffix(strings.ToLower(s.Root), ".in") && compiledTxt(s.Root) != ""
	for _, f := range s.Files {
		if !s.Requirement[f.Path] {
			continue // constraints only constrain; their pins count for requirements
		}
		in := strings.HasSuffix(strings.ToLower(f.Path), ".in")
		compiled := ""
		if in {
			compiled = compiledTxt(f.Path)
			if compiled == "" && rootCompiled {
				compiled = s.Root
			}
		}
		for _, l := range f.Lines {
			if l.Req == nil {
				continue
			}
			pos := Pos{Path: f.Path, Line: l.Line, Col: l.Col}
			if compiled == "" && !a.cfg.allowsUnpinned(l.Req.Name) {
				if d, ok := pipUnpinned(pos, f.Path, in, l.Req, pins); ok {
					a.add(pipUnpinnedID, d)
				}
			}
			if hashMode && !in && len(l.Req.Hashes) == 0 {
				a.add(pipNoHashID, pipNoHash(pos, l.Req, why))
			}
		}
	}
}

// outsidePath reports whether a local requirement points outside the
// repository: an absolute path or file: URL, as "pip freeze" writes for
// packages installed from a conda build or a local wheel cache.
func outsidePath(r *pipreq.Requirement) bool {
	if r.Kind != pipreq.KindPath {
		return false
	}
	p := strings.ToLower(r.Path)
	if strings.HasPrefix(p, "file:") {
		rest := strings.TrimPrefix(p, "file:")
		// file:./x and file:x are relative; file:/, file:// and file:///
		// name an absolute path or a host.
		return strings.HasPrefix(rest, "/")
	}
	return strings.HasPrefix(p, "/") || strings.HasPrefix(p, "~") ||
		(len(p) > 2 && p[1] == ':' && (p[2] == '\\' || p[2] == '/'))
}

func pipUnpinned(pos Pos, file string, in bool, r *pipreq.Requirement, pins map[string]bool) (Diag, bool) {
	if outsidePath(r) && !(r.Name != "" && pins[r.CanonicalName()]) {
		name := r.DisplayName()
		example := "name==X.Y.Z"
		if r.Name != "" {
			example = r.Name + "==X.Y.Z"
		}
		return Diag{Pos: pos,
			Message: fmt.Sprintf("requirement %q points at %q, a path outside the repository that other machines do not have; pin it with %q", name, r.Path, example),
			Hint:    "\"pip freeze\" writes \"name @ file:///...\" for packages installed from local builds (conda environments do this); use \"pip list --format=freeze\" instead, or vendor the wheel into the repository and refer to it by a relative path",
		}, true
	}
	why := r.Unpinned()
	if why == "" || (r.Name != "" && pins[r.CanonicalName()]) {
		return Diag{}, false
	}
	name := r.DisplayName()
	d := Diag{Pos: pos}
	switch r.Kind {
	case pipreq.KindVCS:
		if r.Ref == "" {
			d.Message = fmt.Sprintf("requirement %q is not pinned (%s); add \"@<full commit hash>\" to the url", name, why)
		} else {
			d.Message = fmt.Sprintf("requirement %q is not pinned (%s); replace %q with \"@<full commit hash>\"", name, why, "@"+r.Ref)
		}
		d.Hint = fmt.Sprintf("find the commit with \"git ls-remote %s %s\" and write it after \"@\" in the url", r.Repo, orHEAD(r.Ref))
	case pipreq.KindURL:
		d.Message = fmt.Sprintf("requirement %q is not pinned (%s); add \"#sha256=<digest>\" to the url or a --hash option", name, why)
		d.Hint = "compute the digest with \"pip hash <downloaded file>\", or point at a wheel or a name==version requirement"
	default:
		example := r.Name
		if len(r.Extras) > 0 {
			example += "[" + strings.Join(r.Extras, ",") + "]"
		}
		example += "==X.Y.Z"
		d.Message = fmt.Sprintf("requirement %q is not pinned (%s); pin one version with %q", name, why, example)
		d.Hint = fmt.Sprintf("pin exact versions: compile them with \"pip-compile\" (pip-tools) from a .in file, or take them from \"pip freeze\" in a working environment, and write %q", example)
	}
	if in {
		txt := strings.TrimSuffix(path.Base(file), path.Ext(file)) + ".txt"
		d.Hint = fmt.Sprintf("%q is a pip-compile input with no compiled %q beside it: run \"pip-compile %s\" and install from %q", path.Base(file), txt, path.Base(file), txt)
	}
	return d, true
}

func orHEAD(ref string) string {
	if ref == "" {
		return "HEAD"
	}
	return ref
}

func pipNoHash(pos Pos, r *pipreq.Requirement, why string) Diag {
	name := r.DisplayName()
	d := Diag{Pos: pos}
	switch {
	case r.Editable:
		d.Message = fmt.Sprintf("editable requirement %q cannot be installed in hash-checking mode (%s)", name, why)
		d.Hint = "install editables in a separate \"pip install -e\" step without hash-checking, or build a wheel and list it with --hash"
	case r.Kind == pipreq.KindVCS:
		d.Message = fmt.Sprintf("vcs requirement %q cannot be hash-checked, but hash-checking mode is on (%s)", name, why)
		d.Hint = "build a wheel or use a release archive and list it with --hash, or install it in a separate step"
	case r.Kind == pipreq.KindPath && !pipreq.IsArchive(r.Path):
		d.Message = fmt.Sprintf("local directory %q cannot be hash-checked, but hash-checking mode is on (%s)", name, why)
		d.Hint = "install it in a separate \"pip install\" step, or build a wheel and list it with --hash"
	default:
		d.Message = fmt.Sprintf("requirement %q has no --hash, but hash-checking mode is on (%s); pip refuses to install the set", name, why)
	}
	return d
}

func (a *pipAnalysis) checkEdge(e pipreq.Edge) {
	flag := "-r"
	if e.Constraint {
		flag = "-c"
	}
	pos := Pos{Path: e.From, Line: e.Line, Col: e.Col}
	d := Diag{Pos: pos}
	switch e.Problem {
	case pipreq.EdgeOK:
		return
	case pipreq.EdgeMissing:
		dir := path.Dir(e.From)
		if dir == "." {
			dir = "the repository root"
		} else {
			dir = fmt.Sprintf("%q", dir+"/")
		}
		d.Message = fmt.Sprintf("included file %q does not exist (%s %s)", e.Resolved, flag, e.Target)
		d.Hint = fmt.Sprintf("fix the path: %s paths are relative to the including file's directory, %s", flag, dir)
	case pipreq.EdgeOutside:
		d.Message = fmt.Sprintf("included file %q is outside the repository (%s %s); a clone cannot install it", e.Target, flag, e.Target)
		d.Hint = "copy the file into the repository and include it by a relative path"
	case pipreq.EdgeRemote:
		d.Message = fmt.Sprintf("included url %q can change at any time and is not part of the commit (%s)", e.Target, flag)
		d.Hint = "vendor the file into the repository and include it by a relative path"
	case pipreq.EdgeUnreadable:
		d.Message = fmt.Sprintf("included file %q cannot be read: %v", e.Resolved, e.Err)
	case pipreq.EdgeCycle:
		var q []string
		for _, c := range e.Chain {
			q = append(q, fmt.Sprintf("%q", c))
		}
		a.add(pipCycleID, Diag{Pos: pos, Message: fmt.Sprintf("include cycle: %s; pip fails on it", strings.Join(q, " -> "))})
		return
	}
	a.add(pipIncludeID, d)
}
