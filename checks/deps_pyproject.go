package checks

import (
	"fmt"
	"path"
	"strings"

	"github.com/git-repro/git-repro/checks/pyproject"
)

// pythonLockNames are the lock files that pin a pyproject.toml or Pipfile
// project's whole environment.
var pythonLockNames = []string{"poetry.lock", "uv.lock", "pdm.lock", "Pipfile.lock", "pylock.toml"}

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
func (a *depsAnalysis) findLock(dir string) string {
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

// manifests checks pyproject.toml and Pipfile in every directory where a
// manifest or a lock file is a target.
func (a *depsAnalysis) manifests() {
	for _, dir := range depsDirs(a.p, func(p string) bool { return isPythonManifest(p) || isPythonLock(p) }) {
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
func (a *depsAnalysis) pyproject(file string) *pyproject.Project {
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

func (a *depsAnalysis) pipfile(file string) *pyproject.Pipfile {
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

func (a *depsAnalysis) pyprojectPins(file string, proj *pyproject.Project) {
	if len(proj.Deps) == 0 {
		return
	}
	if lock := a.findLock(path.Dir(file)); lock != "" {
		return
	}
	cmd := lockCommand(proj)
	if proj.IsLibrary() {
		line := proj.Index.Line("project")
		if line == 0 {
			line = proj.Index.Line("tool", "poetry")
		}
		a.add(depsLibNoLockID, Diag{Pos: Pos{Path: file, Line: line},
			Message: fmt.Sprintf("library %q declares %d %s but no lock file pins its dev/CI environment", proj.Name, len(proj.Deps), ciPlural(len(proj.Deps), "dependency", "dependencies")),
			Hint:    fmt.Sprintf("run %q and commit the lock file; install from it in CI", cmd)})
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
		a.add(depsAppUnpinnedID, Diag{Pos: Pos{Path: file, Line: d.Line},
			Message: fmt.Sprintf("dependency %q in %s is not pinned (%s) and there is no lock file; pin it exactly or commit a lock", spec, groupLabel(d.Group), d.Pin),
			Hint:    fmt.Sprintf("run %q and commit the lock file, or pin %q to one version", cmd, d.Name)})
	}
}

func (a *depsAnalysis) pipfilePins(file string, pf *pyproject.Pipfile) {
	if a.exists(joinDir(path.Dir(file), "Pipfile.lock")) {
		return
	}
	for _, d := range pf.Deps {
		if d.Pin == pyproject.Exact || d.Pin == pyproject.Local || a.allowed(d.Name) {
			continue
		}
		a.add(depsAppUnpinnedID, Diag{Pos: Pos{Path: file, Line: d.Line},
			Message: fmt.Sprintf("pipfile package %q = %q in [%s] is not pinned and there is no Pipfile.lock", d.Name, d.Spec, d.Group),
			Hint:    "run \"pipenv lock\" and commit Pipfile.lock, or pin the package with \"==X.Y.Z\""})
	}
}
