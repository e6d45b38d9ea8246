package deps

import (
	"fmt"
	"path"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/pipreq"
	"github.com/git-repro/git-repro/parse/pyproject"
	"github.com/git-repro/git-repro/rules/internal/wording"
	"github.com/git-repro/git-repro/rules/pip"
)

// pythonLockNames are the lock files that pin a pyproject.toml or Pipfile
// project's whole environment.
var pythonLockNames = []string{"poetry.lock", "uv.lock", "pdm.lock", "Pipfile.lock", "pylock.toml", "pixi.lock", "requirements.lock"}

func isPythonManifest(p string) bool {
	b := path.Base(p)
	return b == "pyproject.toml" || b == "Pipfile"
}

func isPythonLock(p string) bool {
	b := path.Base(p)
	for _, n := range pythonLockNames {
		if b == n {
			return true
		}
	}
	return false
}

// findLock returns the first lock file in dir or a parent directory (a uv
// or Poetry workspace keeps one lock at its root), or "".
func (a *analysis) findLock(dir string) string {
	for d := dir; ; d = path.Dir(d) {
		for _, n := range pythonLockNames {
			if p := joinDir(d, n); a.exists(p) {
				return p
			}
		}
		if d == "." || d == "/" || d == "" {
			return ""
		}
	}
}

// compiledNames are the files a pyproject.toml is commonly compiled to.
var compiledNames = []string{"requirements.txt", "requirements-lock.txt", "requirements.lock.txt", "requirements/requirements.txt", "requirements/base.txt", "requirements/prod.txt"}

// compiledHeaderRe matches the header pip-compile, uv pip compile and the
// exporters write, naming the project's manifest as the input ("uv
// export", "poetry export" and "pdm export" only read the project's
// manifest; pip-compile also reads setup.py and setup.cfg).
var compiledHeaderRe = lazyre.New(`(?m)^#\s+(?:(?:pip-compile|uv pip compile)\b[^\n]*\b(?:pyproject\.toml|setup\.py|setup\.cfg)\b|(?:uv export|poetry export|pdm export)\b)`)

// compiledFromManifest returns a requirements file in dir that was
// compiled from dir's pyproject.toml (its header says so), or "".
func (a *analysis) compiledFromManifest(dir string) string {
	for _, n := range compiledNames {
		f := joinDir(dir, n)
		if !a.exists(f) {
			continue
		}
		data, err := a.read(f)
		if err != nil {
			continue
		}
		if len(data) > 4096 {
			data = data[:4096]
		}
		if compiledHeaderRe().Match(data) {
			return f
		}
	}
	return ""
}

// manifests checks the packaging metadata (pyproject.toml, setup.cfg,
// setup.py) and the Pipfile of every directory where one of them or a
// lock file is a target.
func (a *analysis) manifests() {
	for _, dir := range dirsOf(a.p, func(p string) bool { return isPythonManifest(p) || isPythonLock(p) || isSetupFile(p) }) {
		if pr := a.projectIn(dir); pr != nil {
			a.projectPins(pr)
			if pr.py != nil {
				a.lockDrift(dir, pr.py)
			}
		}
		if pf := joinDir(dir, "Pipfile"); a.exists(pf) {
			if pipfile := a.pipfile(pf); pipfile != nil {
				a.pipfilePins(pf, pipfile)
				a.pipfileDrift(dir, pipfile)
			}
		}
	}
}

// pyproject parses a pyproject.toml once per run (nil on error, reported).
func (a *analysis) pyproject(file string) *pyproject.Project {
	switch x := a.parsed("pyproject", file, func(b []byte) (any, error) { return pyproject.Parse(b) }).(type) {
	case *pyproject.Project:
		return x
	case *pyproject.Error:
		a.parseError(file, x.Line, x.Msg)
	}
	return nil
}

func (a *analysis) pipfile(file string) *pyproject.Pipfile {
	switch x := a.parsed("pipfile", file, func(b []byte) (any, error) { return pyproject.ParsePipfile(b) }).(type) {
	case *pyproject.Pipfile:
		return x
	case *pyproject.Error:
		a.parseError(file, x.Line, x.Msg)
	}
	return nil
}

// lockCommand names the command that creates a lock for the project.
func lockCommand(proj *pyproject.Project) string {
	switch {
	case proj.HasPoetry:
		return "poetry lock"
	case proj.HasPDM:
		return "pdm lock"
	}
	if tool, ok := proj.Doc["tool"].(map[string]any); ok {
		switch {
		case tool["pixi"] != nil:
			return "pixi lock"
		case tool["rye"] != nil:
			return "rye lock"
		}
	}
	return "uv lock"
}

func groupLabel(g string) string {
	switch {
	case g == "project":
		return "[project] dependencies"
	case strings.HasPrefix(g, "optional:"):
		return fmt.Sprintf("optional dependencies %q", strings.TrimPrefix(g, "optional:"))
	case strings.HasPrefix(g, "dependency-groups:"):
		return fmt.Sprintf("dependency group %q", strings.TrimPrefix(g, "dependency-groups:"))
	case g == "poetry":
		return "[tool.poetry.dependencies]"
	case g == "poetry-dev":
		return "[tool.poetry.dev-dependencies]"
	case strings.HasPrefix(g, "poetry-group:"):
		return fmt.Sprintf("poetry group %q", strings.TrimPrefix(g, "poetry-group:"))
	case g == "uv-dev":
		return "[tool.uv] dev-dependencies"
	case strings.HasPrefix(g, "pdm-dev:"):
		return fmt.Sprintf("pdm dev group %q", strings.TrimPrefix(g, "pdm-dev:"))
	case g == "install_requires":
		return "install_requires"
	case strings.HasPrefix(g, "extras:"):
		return fmt.Sprintf("extras_require %q", strings.TrimPrefix(g, "extras:"))
	}
	return "[" + g + "]"
}

// projectPins checks that a project without a lock file pins its
// dependencies as what it is requires: an application (it builds no
// distribution, or the repository shows it is run rather than published)
// pins each one; a library keeps its ranges and needs a lock for its own
// dev/CI environment; a project that may be either is told so without
// being called one or the other.
func (a *analysis) projectPins(pr *project) {
	if lock := a.findLock(pr.dir); lock != "" {
		return
	}
	if ws := a.uvWorkspaceOf(pr.dir); ws != nil {
		a.workspaceNoLock(ws) // one lock for the workspace: see workspace.go
		return
	}
	if len(pr.deps) == 0 {
		return
	}
	if a.compiledFromManifest(pr.dir) != "" {
		return // a requirements file compiled from the manifest is its lock
	}
	// A buildable project's metadata stays abstract (install_requires);
	// its concrete environment may be the pinned requirements files beside
	// it, the packaging guide's split (REPRO-DEP-121 keeps the two
	// consistent). An application without a build has no such split.
	var reqPins map[string]bool
	if pr.buildable {
		reqPins = a.requirementsPins(pr.dir)
	}
	anyLoose := false
	for _, d := range pr.deps {
		anyLoose = anyLoose || a.loose(d, reqPins)
	}
	if !anyLoose && reqPins != nil {
		return
	}
	cmd := pr.lockCommand()
	k, evidence := kindApplication, ""
	if pr.buildable {
		k, evidence = a.kindOf(pr)
	}
	if k == kindApplication {
		a.applicationPins(pr, cmd, evidence, reqPins)
		return
	}
	noun := "project"
	if k == kindLibrary {
		noun = "library"
	}
	manifest := path.Base(pr.anchor.Path)
	ci, ciInstalls := a.ciInstalls()[pr.dir]
	if !ciInstalls {
		hint := fmt.Sprintf("run %q and commit the lock file; install from it in CI", cmd)
		if k == kindUnsure {
			hint += fmt.Sprintf(" (a library keeps its ranges in %s; an application may pin them there instead)", manifest)
		}
		a.Add(libNoLockID, checks.Diag{Pos: pr.anchor,
			Message: fmt.Sprintf("%s declares %d %s but no lock file pins its dev/CI environment", pr.label(noun), len(pr.deps), wording.Noun(len(pr.deps), "dependency", "dependencies")),
			Hint:    hint})
		return
	}
	// A library keeps its ranges (pinning them would break its users);
	// what CI lacks is a lock for its own environment: one finding, not
	// one per range.
	var loose []string
	for _, d := range pr.deps {
		if a.loose(d, reqPins) && !ci.Pins[pipreq.CanonicalName(d.Name)] {
			loose = append(loose, fmt.Sprintf("%q", d.Name))
		}
	}
	if len(loose) == 0 {
		return
	}
	names := strings.Join(loose, ", ")
	if len(loose) > 4 {
		names = strings.Join(loose[:4], ", ") + fmt.Sprintf(" and %d more", len(loose)-4)
	}
	a.Add(appUnpinnedID, checks.Diag{Pos: pr.anchor,
		Message: fmt.Sprintf("%s is installed by ci from %s (%s:%d) with %d unpinned %s (%s) and no lock file, so ci tests whatever they resolve to that day; keep the ranges and commit a lock for the ci environment",
			pr.label(noun), manifest, ci.Path, ci.Line, len(loose), wording.Noun(len(loose), "dependency", "dependencies"), names),
		Hint: fmt.Sprintf("run %q, commit the lock file and install ci from it (e.g. \"uv sync --locked\", \"poetry install --sync\", \"pip install -c requirements.txt -e .\")", cmd),
		Key:  "library-ci-no-lock"})
}

// applicationPins reports each loose dependency of an application. For
// one that builds a distribution, evidence says why it is taken for an
// application.
func (a *analysis) applicationPins(pr *project, cmd, evidence string, reqPins map[string]bool) {
	for _, d := range pr.deps {
		if !a.loose(d, reqPins) {
			continue
		}
		hint := fmt.Sprintf("run %q and commit the lock file, or pin %q to one version", cmd, d.Name)
		if evidence != "" {
			hint += fmt.Sprintf(" (the repository is run rather than published: %s)", evidence)
		}
		a.Add(appUnpinnedID, checks.Diag{Pos: checks.Pos{Path: d.File, Line: d.Line, Col: d.Col},
			Message: fmt.Sprintf("dependency %q in %s is not pinned (%s) and there is no lock file; pin it exactly or commit a lock", d.spec(), groupLabel(d.Group), d.Pin),
			Hint:    hint})
	}
}

// requirementsPins returns the packages that the requirements files of a
// project's directory (and its requirements/) pin, nil when there are
// none or one cannot be read.
func (a *analysis) requirementsPins(dir string) map[string]bool {
	var files []string
	for _, f := range a.allFiles() {
		if pip.IsRequirementsFile(f) && !strings.HasSuffix(strings.ToLower(f), ".in") && projectDirOf(f) == dir {
			files = append(files, strings.TrimPrefix(f, joinDir(dir, "")))
		}
	}
	if len(files) == 0 {
		return nil
	}
	pins, _ := pip.FilePins(a.p.Tree, dir)(files)
	return pins
}

// loose reports whether a dependency is left loose: not pinned exactly, not
// local, not exempt, and not pinned by one of pins.
func (a *analysis) loose(d dep, pins map[string]bool) bool {
	return d.Pin != pyproject.Exact && d.Pin != pyproject.Local && !a.allowed(d.Name) && !pins[pipreq.CanonicalName(d.Name)]
}

func (a *analysis) pipfilePins(file string, pf *pyproject.Pipfile) {
	if a.exists(joinDir(path.Dir(file), "Pipfile.lock")) {
		return
	}
	for _, d := range pf.Deps {
		if d.Pin == pyproject.Exact || d.Pin == pyproject.Local || a.allowed(d.Name) {
			continue
		}
		a.Add(appUnpinnedID, checks.Diag{Pos: checks.Pos{Path: file, Line: d.Line},
			Message: fmt.Sprintf("pipfile package %q = %q in [%s] is not pinned and there is no Pipfile.lock", d.Name, d.Spec, d.Group),
			Hint:    "run \"pipenv lock\" and commit Pipfile.lock, or pin the package with \"==X.Y.Z\""})
	}
}
