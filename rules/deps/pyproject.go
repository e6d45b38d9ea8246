package deps

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/git-repro/git-repro/rules/internal/wording"
	"github.com/git-repro/git-repro/rules/pip"

	"github.com/git-repro/git-repro/checks"

	"github.com/git-repro/git-repro/parse/pipreq"
	"github.com/git-repro/git-repro/parse/pyproject"
	"github.com/git-repro/git-repro/parse/workflow"
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
// exporters write, naming pyproject.toml as the input ("uv export",
// "poetry export" and "pdm export" only read the project's manifest).
var compiledHeaderRe = regexp.MustCompile(`(?m)^#\s+(?:(?:pip-compile|uv pip compile)\b[^\n]*\bpyproject\.toml\b|(?:uv export|poetry export|pdm export)\b)`)

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
		if compiledHeaderRe.Match(data) {
			return f
		}
	}
	return ""
}

// manifests checks pyproject.toml and Pipfile in every directory where a
// manifest or a lock file is a target.
func (a *analysis) manifests() {
	for _, dir := range dirsOf(a.p, func(p string) bool { return isPythonManifest(p) || isPythonLock(p) }) {
		if pp := joinDir(dir, "pyproject.toml"); a.exists(pp) {
			if proj := a.pyproject(pp); proj != nil {
				a.pyprojectPins(pp, proj)
				a.lockDrift(dir, proj)
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
	v := a.p.Memo("pyproject:"+file, func() any {
		data, err := a.read(file)
		if err != nil {
			return err
		}
		proj, err := pyproject.Parse(data)
		if err != nil {
			return err
		}
		return proj
	})
	switch x := v.(type) {
	case *pyproject.Project:
		return x
	case *pyproject.Error:
		a.parseError(file, x.Line, x.Msg)
	}
	return nil
}

func (a *analysis) pipfile(file string) *pyproject.Pipfile {
	v := a.p.Memo("pipfile:"+file, func() any {
		data, err := a.read(file)
		if err != nil {
			return err
		}
		pf, err := pyproject.ParsePipfile(data)
		if err != nil {
			return err
		}
		return pf
	})
	switch x := v.(type) {
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
	}
	return "[" + g + "]"
}

func (a *analysis) pyprojectPins(file string, proj *pyproject.Project) {
	if len(proj.Deps) == 0 {
		return
	}
	if lock := a.findLock(path.Dir(file)); lock != "" {
		return
	}
	if a.compiledFromManifest(path.Dir(file)) != "" {
		return // a requirements file compiled from this pyproject.toml is its lock
	}
	cmd := lockCommand(proj)
	ci, ciInstalls := a.ciInstalls()[path.Dir(file)]
	ciPos := ci.Pos
	if proj.IsLibrary() && !ciInstalls {
		line := proj.Index.Line("project")
		if line == 0 {
			line = proj.Index.Line("tool", "poetry")
		}
		a.add(libNoLockID, checks.Diag{Pos: checks.Pos{Path: file, Line: line},
			Message: fmt.Sprintf("library %q declares %d %s but no lock file pins its dev/CI environment", proj.Name, len(proj.Deps), wording.Noun(len(proj.Deps), "dependency", "dependencies")),
			Hint:    fmt.Sprintf("run %q and commit the lock file; install from it in CI", cmd)})
		return
	}
	if proj.IsLibrary() {
		// A library keeps its ranges (pinning them would break its
		// users); what CI lacks is a lock for its own environment: one
		// finding, not one per range.
		var loose []string
		for _, d := range proj.Deps {
			if d.Pin != pyproject.Exact && d.Pin != pyproject.Local && !a.allowed(d.Name) && !ci.Pins[pipreq.CanonicalName(d.Name)] {
				loose = append(loose, fmt.Sprintf("%q", d.Name))
			}
		}
		if len(loose) == 0 {
			return
		}
		line := proj.Index.Line("project")
		if line == 0 {
			line = proj.Index.Line("tool", "poetry")
		}
		names := strings.Join(loose, ", ")
		if len(loose) > 4 {
			names = strings.Join(loose[:4], ", ") + fmt.Sprintf(" and %d more", len(loose)-4)
		}
		a.add(appUnpinnedID, checks.Diag{Pos: checks.Pos{Path: file, Line: line},
			Message: fmt.Sprintf("library %q is installed by ci from pyproject.toml (%s:%d) with %d unpinned %s (%s) and no lock file, so ci tests whatever they resolve to that day; keep the ranges and commit a lock for the ci environment",
				proj.Name, ciPos.Path, ciPos.Line, len(loose), wording.Noun(len(loose), "dependency", "dependencies"), names),
			Hint: fmt.Sprintf("run %q, commit the lock file and install ci from it (e.g. \"uv sync --locked\", \"poetry install --sync\")", cmd),
			Key:  "library-ci-no-lock"})
		return
	}
	for _, d := range proj.Deps {
		if d.Pin == pyproject.Exact || d.Pin == pyproject.Local || a.allowed(d.Name) {
			continue
		}
		spec := d.Spec
		if d.Group == "poetry" || strings.HasPrefix(d.Group, "poetry-") {
			spec = d.Name + " " + d.Spec
		}
		a.add(appUnpinnedID, checks.Diag{Pos: checks.Pos{Path: file, Line: d.Line},
			Message: fmt.Sprintf("dependency %q in %s is not pinned (%s) and there is no lock file; pin it exactly or commit a lock", spec, groupLabel(d.Group), d.Pin),
			Hint:    fmt.Sprintf("run %q and commit the lock file, or pin %q to one version", cmd, d.Name)})
	}
}

// ciInstalls returns the project directories that a GitHub workflow
// installs from their manifest ("pip install .", "pip install -e ./sub",
// "poetry install", "uv sync", "pdm install"), with the position of the
// first such command. It lists the repository's files, so it runs only
// when a library without a lock file asks, once per run.
// ciInstall is a workflow command that installs a project from its
// manifest: where it is, and the packages its -r/-c files pin ("pip
// install -c constraints.txt -e ." pins the CI environment as a lock
// would).
type ciInstall struct {
	checks.Pos
	Pins map[string]bool
}

func (a *analysis) ciInstalls() map[string]ciInstall {
	return a.p.Memo("deps:ci-installs", func() any {
		out := map[string]ciInstall{}
		files, err := a.p.Tree.Files()
		if err != nil {
			return out
		}
		for _, f := range files {
			if !workflow.IsFile(f.Path) {
				continue
			}
			data, err := a.read(f.Path)
			if err != nil {
				continue
			}
			w, err := workflow.Parse(data)
			if err != nil {
				continue
			}
			for _, j := range w.Jobs {
				for _, s := range j.Steps {
					wd := "."
					if n := workflow.Get(s.Node, "working-directory"); n != nil && n.Value != "" && !strings.Contains(n.Value, "${{") {
						wd = path.Clean(n.Value)
					}
					for _, c := range workflow.Commands(s.Run, data) {
						for _, dir := range installedDirs(c, wd) {
							if _, ok := out[dir]; !ok {
								out[dir] = ciInstall{Pos: checks.Pos{Path: f.Path, Line: c.Line, Col: c.Col}, Pins: a.ciCommandPins(c, wd)}
							}
						}
					}
				}
			}
		}
		return out
	}).(map[string]ciInstall)
}

// ciCommandPins returns the packages a pip command's -r/-c files pin (nil
// when it names none, or one cannot be read).
func (a *analysis) ciCommandPins(c workflow.Command, wd string) map[string]bool {
	i, ok := workflow.PipInstallArgs(c)
	if !ok {
		return nil
	}
	args := c.ArgsFrom(i)
	ia := pipreq.ParseInstallArgs(args)
	files := append(append([]string(nil), ia.Requirements...), ia.Constraints...)
	if len(files) == 0 {
		return nil
	}
	pins, ok := pip.FilePins(a.p.Tree, wd)(files)
	if !ok {
		return nil
	}
	return pins
}

// installedDirs returns the project directories a command installs from
// their manifest.
func installedDirs(c workflow.Command, wd string) []string {
	if i, ok := workflow.PipInstallArgs(c); ok {
		var dirs []string
		for _, it := range pipreq.ParseInstallArgs(c.Args[i:]).Items {
			if it.Err == nil && it.Req.Kind == pipreq.KindPath && !pipreq.IsArchive(it.Req.Path) && !strings.Contains(it.Req.Path, ":") {
				dirs = append(dirs, path.Clean(path.Join(wd, it.Req.Path)))
			}
		}
		return dirs
	}
	if len(c.Args) >= 2 {
		switch tool, sub := path.Base(c.Args[0]), c.Args[1]; {
		case tool == "poetry" && (sub == "install" || sub == "sync"),
			tool == "uv" && sub == "sync",
			tool == "pdm" && (sub == "install" || sub == "sync"):
			return []string{wd}
		}
	}
	return nil
}

func (a *analysis) pipfilePins(file string, pf *pyproject.Pipfile) {
	if a.exists(joinDir(path.Dir(file), "Pipfile.lock")) {
		return
	}
	for _, d := range pf.Deps {
		if d.Pin == pyproject.Exact || d.Pin == pyproject.Local || a.allowed(d.Name) {
			continue
		}
		a.add(appUnpinnedID, checks.Diag{Pos: checks.Pos{Path: file, Line: d.Line},
			Message: fmt.Sprintf("pipfile package %q = %q in [%s] is not pinned and there is no Pipfile.lock", d.Name, d.Spec, d.Group),
			Hint:    "run \"pipenv lock\" and commit Pipfile.lock, or pin the package with \"==X.Y.Z\""})
	}
}
