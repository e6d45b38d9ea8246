package pip

import (
	"cmp"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/pipreq"
	"github.com/git-repro/git-repro/parse/shellcmd"
	"github.com/git-repro/git-repro/rules/docker"
	"github.com/git-repro/git-repro/rules/internal/wording"
	"github.com/git-repro/git-repro/snapshot"
)

// The pip family: requirements files (requirements*.txt, requirements/*.txt,
// constraints*.txt, pip-tools *.in) and everything they include. One
// analysis per run (analysis) parses each file once; each rule reports
// its share of it.

const (
	unpinnedID  = "REPRO-DEP-001"
	noHashID    = "REPRO-DEP-002"
	includeID   = "REPRO-DEP-003"
	cycleID     = "REPRO-DEP-004"
	parseID     = "REPRO-DEP-005"
	staleID     = "REPRO-DEP-006"
	maxFileSize = 8 << 20
)

var rules = []*checks.Rule{
	{
		ID:       unpinnedID,
		Category: checks.CatDeps,
		Severity: checks.Error,
		Title:    "unpinned pip requirement",
		Doc: "A requirement without an exact pin installs whatever the index serves on the day: " +
			"`numpy` or `pandas>=2.0` today and in six months are different packages, and the " +
			"result they produce may differ too.\n\n" +
			"A requirement is pinned when it selects exactly one artifact: `name==X.Y.Z` " +
			"(no wildcard: `==2.0.*` matches many versions), `name===X`, a VCS URL at a full " +
			"commit hash (`git+https://...@<40-hex sha>`, 64 hex in a SHA-256 repository; a branch " +
			"or tag can move), a URL with a `#sha256=` fragment (also for a wheel: the server can " +
			"serve other bytes under the same name), or a local path or wheel in the repository (an " +
			"absolute path or `file:///` URL, as `pip freeze` writes in conda environments, exists " +
			"only on the machine that wrote it). A " +
			"requirement whose name a constraints file (`-c`) pins is pinned too. A pip-tools " +
			"`.in` file is meant to be loose when its compiled output exists: the `.txt` beside it, " +
			"or a file in its directory (or the one above) whose header, as pip-compile and " +
			"`uv pip compile` write it, names the `.in` as the input (`requirements.lock`, " +
			"`requirements-linux.pinned`); then only the compiled file is checked.",
		Remediation: "pin exact versions: compile them with \"pip-compile requirements.in\" (pip-tools), " +
			"or capture a working environment with \"pip freeze > requirements.txt\", and write \"pkg==X.Y.Z\"",
		Run: func(p *checks.Pass) { report(p, unpinnedID) },
	},
	{
		ID:       noHashID,
		Category: checks.CatDeps,
		Severity: checks.Error,
		Title:    "requirement without --hash in hash-checking mode",
		Doc: "pip switches to hash-checking mode when any file says `--require-hashes` or any " +
			"requirement carries a `--hash`. Then every requirement must carry a `--hash` (and be " +
			"pinned with `==`), and pip refuses to install the whole set otherwise. Editable, " +
			"VCS and local-directory requirements cannot be hash-checked at all.",
		Remediation: "add hashes for every requirement: \"pip-compile --generate-hashes\", or " +
			"\"pip hash <file>\" and \"--hash=sha256:<digest>\" on each line",
		Run: func(p *checks.Pass) { report(p, noHashID) },
	},
	{
		ID:       includeID,
		Category: checks.CatDeps,
		Severity: checks.Error,
		Title:    "unresolvable requirements include",
		Doc: "`-r file` and `-c file` are resolved relative to the including file's directory. " +
			"A missing file makes `pip install` fail; a URL or a path outside the repository " +
			"makes the install depend on something the commit does not contain.",
		Remediation: "fix the path (relative to the including file), or copy the file into the repository and include it by a relative path",
		Run:         func(p *checks.Pass) { report(p, includeID) },
	},
	{
		ID:          cycleID,
		Category:    checks.CatDeps,
		Severity:    checks.Error,
		Title:       "requirements include cycle",
		Doc:         "Requirements files that include each other (`-r a.txt` in b.txt and `-r b.txt` in a.txt) make pip fail.",
		Remediation: "remove one of the -r/-c lines that form the cycle",
		Run:         func(p *checks.Pass) { report(p, cycleID) },
	},
	{
		ID:          parseID,
		Category:    checks.CatDeps,
		Severity:    checks.Error,
		Title:       "invalid requirements file line",
		Doc:         "A line pip cannot parse (an invalid PEP 508 requirement, an unknown option, a bad `--hash`) makes `pip install -r` fail before it installs anything.",
		Remediation: "fix the line; see pip's \"Requirements File Format\" documentation and PEP 508",
		Run:         func(p *checks.Pass) { report(p, parseID) },
	},
	{
		ID:       staleID,
		Category: checks.CatDeps,
		Severity: checks.Warning,
		Title:    "compiled requirements out of date",
		Doc: "pip-tools compiles a loose `requirements.in` into a pinned `requirements.txt` beside " +
			"it (or into the file `-o` names, which its header records; `uv pip compile` does the " +
			"same). When the `.in` file changes and nobody re-runs `pip-compile`, the `.txt` that gets " +
			"installed no longer says what the `.in` asks for: a package added to the `.in` is " +
			"missing, or a raised lower bound (`pandas>=2.1`) is not met by the old pin. Requirements " +
			"with an environment marker are skipped (pip-compile resolves them for one platform).",
		Remediation: "re-run \"pip-compile\" on the .in file and commit the regenerated .txt",
		Run:         func(p *checks.Pass) { report(p, staleID) },
	},
}

// Family is the pip family: requirements files (requirements*.txt,
// requirements/*.txt, constraints*.txt, pip-tools *.in) and everything
// they include.
var Family = checks.Family{Name: "pip", Rules: rules, Settings: Settings}

// Settings is the deps: section of .repro.yaml: the settings of every
// dependency rule, which the pip and deps families share.
var Settings = checks.SectionOf[Config]("deps")

// Config is the deps: section of .repro.yaml (pip, conda, pyproject,
// locks, Python version).
type Config struct {
	// AllowUnpinned lists package names exempt from the pin rules (pip,
	// conda and pyproject), compared after PEP 503 canonicalisation.
	AllowUnpinned []string `yaml:"allow-unpinned"`
}

// AllowsUnpinned reports whether name is exempt from the pin rules (after
// PEP 503 canonicalisation).
func (c *Config) AllowsUnpinned(name string) bool {
	for _, n := range c.AllowUnpinned {
		if name != "" && pipreq.CanonicalName(n) == pipreq.CanonicalName(name) {
			return true
		}
	}
	return false
}

// report emits the diagnostics of one rule from the shared analysis.
func report(p *checks.Pass, rule string) {
	a := p.Memo("pip:analysis", func() any { return analyze(p) }).(*analysis)
	for _, d := range a.diags[rule] {
		p.Report(d)
	}
}

type analysis struct {
	p     *checks.Pass
	cfg   *Config
	diags map[string][]checks.Diag
	seen  map[string]bool
	// files caches every read (the loader's and the header scan's), so a
	// file is read once however many roles it has.
	files map[string]readResult
	// compiled caches compiledOf: the compiled outputs of a .in file.
	compiled map[string][]string
	// byDir lists the repository's files by directory, once, for the
	// header scan of a .in file's neighbours.
	byDir map[string][]snapshot.FileInfo
}

type readResult struct {
	data []byte
	err  error
}

func (a *analysis) add(rule string, d checks.Diag) {
	key := fmt.Sprintf("%s\x00%s\x00%d\x00%s", rule, d.Path, d.Line, d.Message)
	if a.seen[key] {
		return
	}
	a.seen[key] = true
	a.diags[rule] = append(a.diags[rule], d)
}

// IsRequirementsFile reports whether path names a requirements or
// constraints file by convention (pipreq.IsRequirementsName):
// *requirements*.txt, *constraints*.txt, any .txt in a "requirements"
// directory, and the pip-tools inputs (*.in) of the same names.
func IsRequirementsFile(p string) bool { return pipreq.IsRequirementsName(p) }

func isConstraintsName(p string) bool {
	return strings.Contains(strings.ToLower(path.Base(p)), "constraints")
}

func analyze(p *checks.Pass) *analysis {
	a := &analysis{p: p, cfg: Settings.Get(p.Config), diags: map[string][]checks.Diag{}, seen: map[string]bool{},
		files: map[string]readResult{}, compiled: map[string][]string{}}
	var cands []string
	// outputs[in] are the compiled files among the targets whose header
	// names in (requirements.lock, made by "uv pip compile requirements.in
	// -o requirements.lock"): they are requirements files by content.
	outputs := map[string][]string{}
	for _, f := range p.Targets {
		if f.LFS != nil || !f.Mode.IsRegular() {
			continue
		}
		if IsRequirementsFile(f.Path) {
			cands = append(cands, f.Path)
			continue
		}
		// On a full run every .in is a target and finds its outputs.
		if p.Full {
			continue
		}
		for _, in := range a.inputsOf(f) {
			outputs[in] = append(outputs[in], f.Path)
		}
	}
	for _, c := range cands {
		if isInFile(c) {
			for _, out := range a.compiledOf(c) {
				if !IsRequirementsFile(out) {
					cands = append(cands, out)
				}
			}
		}
	}
	for in, outs := range outputs {
		cands = append(cands, outs...)
		a.compiled[in] = uniq(append(a.compiledOf(in), outs...))
	}
	if len(cands) == 0 {
		return a
	}
	cands = uniq(cands)
	loader := &pipreq.Loader{Read: a.read}
	sets := map[string]*pipreq.Set{}
	includedByOther := map[string]bool{}
	for _, c := range cands {
		s, err := loader.Load(c, isConstraintsName(c))
		if err != nil {
			a.add(parseID, checks.Diag{Pos: checks.Pos{Path: c}, Message: fmt.Sprintf("cannot read %q: %v", c, err)})
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
		a.checkSet(sets[r])
	}
	a.checkCompiled(loader, cands)
	return a
}

// checkCompiled compares each pip-tools input (x.in) with its compiled
// outputs (x.txt, or a file whose header names x.in) when either is a
// target.
func (a *analysis) checkCompiled(loader *pipreq.Loader, cands []string) {
	pairs := map[string][]string{}
	isCand := map[string]bool{}
	for _, c := range cands {
		isCand[c] = true
	}
	for _, c := range cands {
		if isInFile(c) {
			pairs[c] = a.compiledOf(c)
			continue
		}
		stem := strings.TrimSuffix(c, path.Ext(c))
		if strings.ToLower(path.Ext(c)) == ".txt" {
			for _, in := range []string{stem + ".in", stem + ".IN"} {
				if a.exists(in) && !isCand[in] {
					pairs[in] = a.compiledOf(in)
					break
				}
			}
		}
	}
	for in, outs := range a.compiled {
		if isCand[in] || len(outs) == 0 {
			continue
		}
		for _, o := range outs {
			if isCand[o] {
				pairs[in] = outs
				break
			}
		}
	}
	ins := make([]string, 0, len(pairs))
	for in := range pairs {
		ins = append(ins, in)
	}
	sort.Strings(ins)
	for _, in := range ins {
		for _, txt := range pairs[in] {
			a.compareCompiled(loader, in, txt)
		}
	}
}

// compareCompiled reports the requirements of in that its compiled txt
// lacks or pins outside their range.
func (a *analysis) compareCompiled(loader *pipreq.Loader, in, txt string) {
	inSet, err1 := loader.Load(in, false)
	txtSet, err2 := loader.Load(txt, false)
	if err1 != nil || err2 != nil {
		return
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
	tool := "pip-compile"
	hint := fmt.Sprintf("re-run \"pip-compile %s\" (pip-tools) and commit %q", in, txt)
	if c, ok := a.header(txt); ok && c.Tool != tool {
		tool = c.Tool
		hint = fmt.Sprintf("re-run %q as line %d of %q records it, and commit the result", c.Tool, c.Line, txt)
	}
	for _, f := range inSet.Files {
		if !inSet.Requirement[f.Path] {
			continue
		}
		for _, l := range f.Lines {
			r := l.Req
			if r == nil || r.Name == "" || r.Marker != "" || r.Editable || r.Kind == pipreq.KindPath {
				continue
			}
			pos := checks.Pos{Path: f.Path, Line: l.Line, Col: l.Col}
			got, ok := compiled[r.CanonicalName()]
			if !ok {
				a.add(staleID, checks.Diag{Pos: pos, Hint: hint,
					Message: fmt.Sprintf("%q is required here but missing from the compiled %q; re-run %s", r.Name, txt, tool)})
				continue
			}
			if v, pinned := got.PinnedVersion(); pinned && r.Kind == pipreq.KindName && !r.Satisfies(v) {
				a.add(staleID, checks.Diag{Pos: pos, Hint: hint,
					Message: fmt.Sprintf("%q requires %q but the compiled %q pins %q; re-run %s", r.Name, r.Spec(), txt, v.String(), tool)})
			}
		}
	}
}

func (a *analysis) checkSet(s *pipreq.Set) {
	for _, f := range s.Files {
		for _, e := range f.Errors {
			a.add(parseID, checks.Diag{Pos: checks.Pos{Path: f.Path, Line: e.Line, Col: e.Col}, Message: "cannot parse: " + e.Msg})
		}
	}
	for _, e := range s.Edges {
		a.checkEdge(e)
	}
	hashMode, why := s.HashMode()
	pins := s.ConstraintPins()
	// .in files included by a compiled .in are inputs of the same compile.
	rootCompiled := isInFile(s.Root) && len(a.compiledOf(s.Root)) > 0
	for _, f := range s.Files {
		if !s.Requirement[f.Path] {
			continue // constraints only constrain; their pins count for requirements
		}
		in := isInFile(f.Path)
		compiled := ""
		if in {
			if outs := a.compiledOf(f.Path); len(outs) > 0 {
				compiled = outs[0]
			} else if rootCompiled {
				compiled = s.Root
			}
		}
		for _, l := range f.Lines {
			if l.Req == nil {
				continue
			}
			pos := checks.Pos{Path: f.Path, Line: l.Line, Col: l.Col}
			if compiled == "" && !a.cfg.AllowsUnpinned(l.Req.Name) {
				if d, ok := Unpinned(pos, f.Path, in, l.Req, pins); ok {
					a.add(unpinnedID, a.namingImages(d, f.Path, l.Req))
				}
			}
			if hashMode && !in && len(l.Req.Hashes) == 0 {
				a.add(noHashID, noHash(pos, l.Req, why))
			}
		}
	}
}

func isInFile(p string) bool { return strings.ToLower(path.Ext(p)) == ".in" }

func uniq(s []string) []string {
	sort.Strings(s)
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// read reads a file once per run, refusing files over maxFileSize.
func (a *analysis) read(name string) ([]byte, error) {
	if r, ok := a.files[name]; ok {
		return r.data, r.err
	}
	var r readResult
	if fi, err := a.p.Tree.Stat(name); err == nil && fi.Size > maxFileSize {
		r.err = fmt.Errorf("file is larger than %d MiB", maxFileSize>>20)
	} else {
		r.data, r.err = a.p.Tree.ReadFile(name)
	}
	a.files[name] = r
	return r.data, r.err
}

func (a *analysis) exists(name string) bool { _, err := a.p.Tree.Stat(name); return err == nil }

// maxCompiledSize bounds the files whose header is read to find a
// compiled output: a lock of every package of a large project is well
// under it.
const maxCompiledSize = 1 << 20

// notCompiledExt are extensions of files that are never a compiled
// requirements file, so their header is not read.
var notCompiledExt = map[string]bool{
	".in": true, ".py": true, ".pyi": true, ".ipynb": true, ".md": true, ".rst": true, ".json": true,
	".yaml": true, ".yml": true, ".toml": true, ".cfg": true, ".ini": true, ".sh": true, ".c": true,
	".h": true, ".cc": true, ".cpp": true, ".cu": true, ".go": true, ".js": true, ".ts": true,
	".html": true, ".css": true, ".csv": true, ".tsv": true, ".parquet": true, ".png": true,
	".jpg": true, ".jpeg": true, ".gif": true, ".svg": true, ".pdf": true, ".pt": true, ".pth": true,
	".bin": true, ".ckpt": true, ".safetensors": true, ".onnx": true, ".h5": true, ".npy": true,
	".npz": true, ".pkl": true, ".zip": true, ".gz": true, ".tar": true, ".whl": true,
}

// header returns what the leading comments of a possible compiled
// requirements file say about the command that wrote it.
func (a *analysis) header(f string) (pipreq.Compiled, bool) {
	data, err := a.read(f)
	if err != nil {
		return pipreq.Compiled{}, false
	}
	return pipreq.ParseCompiledHeader(data)
}

// mayBeCompiled says whether f's header is worth reading.
func mayBeCompiled(f snapshot.FileInfo) bool {
	return f.LFS == nil && f.Mode.IsRegular() && f.Size <= maxCompiledSize &&
		!notCompiledExt[strings.ToLower(path.Ext(f.Path))] && !IsRequirementsFile(f.Path)
}

// inputsOf returns the .in files of the repository that the header of f
// names as its inputs (f was compiled from them), or nil.
func (a *analysis) inputsOf(f snapshot.FileInfo) []string {
	if !mayBeCompiled(f) {
		return nil
	}
	c, ok := a.header(f.Path)
	if !ok {
		return nil
	}
	var ins []string
	for _, s := range c.Sources {
		s = path.Clean(s)
		for _, in := range []string{path.Join(path.Dir(f.Path), s), s} {
			if isInFile(in) && !strings.HasPrefix(in, "../") && a.exists(in) {
				ins = append(ins, in)
				break
			}
		}
	}
	return ins
}

// compiledOf returns the compiled outputs of the pip-tools input in: the
// x.txt beside x.in (pip-compile's default output), and any file in its
// directory or the one above whose header names in as the input of
// pip-compile or uv pip compile, whatever it is called
// (requirements.lock, requirements-linux.pinned).
func (a *analysis) compiledOf(in string) []string {
	if outs, ok := a.compiled[in]; ok {
		return outs
	}
	var outs []string
	if txt := strings.TrimSuffix(in, path.Ext(in)) + ".txt"; a.exists(txt) {
		outs = append(outs, txt)
	} else {
		dir := path.Dir(in)
		dirs := []string{dir}
		if dir != "." {
			dirs = append(dirs, path.Dir(dir))
		}
		for _, d := range dirs {
			for _, f := range a.filesIn(d) {
				if !mayBeCompiled(f) {
					continue
				}
				if c, ok := a.header(f.Path); ok && c.Names(f.Path, in) {
					outs = append(outs, f.Path)
				}
			}
		}
	}
	a.compiled[in] = outs
	return outs
}

// filesIn lists the files directly in dir.
func (a *analysis) filesIn(dir string) []snapshot.FileInfo {
	if a.byDir == nil {
		a.byDir = map[string][]snapshot.FileInfo{}
		all, err := a.p.Tree.Files()
		if err != nil {
			return nil
		}
		for _, f := range all {
			d := path.Dir(f.Path)
			a.byDir[d] = append(a.byDir[d], f)
		}
	}
	return a.byDir[dir]
}

// namingImages adds to an unpinned requirement's finding the Dockerfile
// RUN lines that install its file with the package unpinned: the docker
// rules leave the line to this finding (one problem, one finding, at its
// cause) and this finding says where else it lands.
func (a *analysis) namingImages(d checks.Diag, file string, r *pipreq.Requirement) checks.Diag {
	if r.Name == "" {
		return d
	}
	places := docker.RequirementsInstalled(a.p)[file][r.CanonicalName()]
	if len(places) == 0 {
		return d
	}
	what, fix, ok := strings.Cut(d.Message, "; ")
	if !ok {
		return d
	}
	d.Message = fmt.Sprintf("%s, and %s installs it into an image; %s", what, wording.QuoteList(places, 3), fix)
	return d
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

// Unpinned is the finding for requirement r at pos in file when it is not
// pinned (the REPRO-DEP-001 verdict, also used for conda's pip: section):
// a path outside the repository, or a requirement that selects more than
// one artifact and that no constraints file pins (pins: canonical names).
// in says file is a pip-compile input (*.in) without its compiled .txt.
func Unpinned(pos checks.Pos, file string, in bool, r *pipreq.Requirement, pins map[string]bool) (checks.Diag, bool) {
	if outsidePath(r) && !(r.Name != "" && pins[r.CanonicalName()]) {
		name := r.DisplayName()
		example := "name==X.Y.Z"
		if r.Name != "" {
			example = r.Name + "==X.Y.Z"
		}
		return checks.Diag{Pos: pos,
			Message: fmt.Sprintf("requirement %q points at %q, a path outside the repository that other machines do not have; pin it with %q", name, r.Path, example),
			Hint:    "\"pip freeze\" writes \"name @ file:///...\" for packages installed from local builds (conda environments do this); use \"pip list --format=freeze\" instead, or vendor the wheel into the repository and refer to it by a relative path",
		}, true
	}
	why := r.Unpinned()
	if why == "" || (r.Name != "" && pins[r.CanonicalName()]) {
		return checks.Diag{}, false
	}
	name := r.DisplayName()
	d := checks.Diag{Pos: pos}
	switch r.Kind {
	case pipreq.KindVCS:
		if r.Ref == "" {
			d.Message = fmt.Sprintf("requirement %q is not pinned (%s); add \"@<full commit hash>\" to the url", name, why)
		} else {
			d.Message = fmt.Sprintf("requirement %q is not pinned (%s); replace %q with \"@<full commit hash>\"", name, why, "@"+r.Ref)
		}
		d.Hint = fmt.Sprintf("find the commit with \"git ls-remote %s %s\" and write it after \"@\" in the url", r.Repo, cmp.Or(r.Ref, "HEAD"))
	case pipreq.KindURL:
		d.Message = fmt.Sprintf("requirement %q is not pinned (%s); add \"#sha256=<digest>\" to the url or a --hash option", name, why)
		d.Hint = "compute the digest with \"pip hash <downloaded file>\", or point at a name==version requirement"
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
		d.Hint = fmt.Sprintf("%q is a pip-compile input with no compiled %q beside it (nor a file whose pip-compile or uv pip compile header names it): run \"pip-compile %s\" and install from %q", path.Base(file), txt, path.Base(file), txt)
	}
	return d, true
}

func noHash(pos checks.Pos, r *pipreq.Requirement, why string) checks.Diag {
	name := r.DisplayName()
	d := checks.Diag{Pos: pos}
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

func (a *analysis) checkEdge(e pipreq.Edge) {
	flag := "-r"
	if e.Constraint {
		flag = "-c"
	}
	pos := checks.Pos{Path: e.From, Line: e.Line, Col: e.Col}
	d := checks.Diag{Pos: pos}
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
		a.add(cycleID, checks.Diag{Pos: pos, Message: fmt.Sprintf("include cycle: %s; pip fails on it", strings.Join(q, " -> "))})
		return
	}
	a.add(includeID, d)
}

// FilePins returns a function that gives the canonical names pinned by
// the -r and -c files of a pip command run in working directory wd (as
// pip reads them: relative to wd, following their includes), and false
// when a file cannot be read (it may be written by an earlier step, or
// depend on a variable): then nothing can be said about the packages.
func FilePins(tree snapshot.Tree, wd string) func(files []string) (map[string]bool, bool) {
	return func(files []string) (map[string]bool, bool) {
		if strings.Contains(wd, "${{") || strings.Contains(wd, "$") {
			return nil, false
		}
		l := &pipreq.Loader{Read: tree.ReadFile}
		pins := map[string]bool{}
		for _, f := range files {
			if f == shellcmd.DynamicArg || pipreq.IsURL(f) || path.IsAbs(f) {
				return nil, false
			}
			rp := path.Clean(path.Join(wd, f))
			if rp == ".." || strings.HasPrefix(rp, "../") {
				return nil, false
			}
			set, err := l.Load(rp, false)
			if err != nil {
				return nil, false
			}
			for name := range set.Pins() {
				pins[name] = true
			}
		}
		return pins, true
	}
}
