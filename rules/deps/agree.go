package deps

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/conda"
	"github.com/git-repro/git-repro/parse/pipreq"
	"github.com/git-repro/git-repro/parse/pyproject"
	"github.com/git-repro/git-repro/rules/pip"
)

// REPRO-DEP-121: one dependency pinned differently by two manifests of
// the same project (pyproject.toml, setup.cfg, setup.py, Pipfile,
// requirements files, conda environments): which version a user gets then
// depends on how they install. Two exact pins of different versions, two
// VCS pins at different commits, or an exact pin that another manifest's
// range excludes.

// pinSource is one requirement of one manifest.
type pinSource struct {
	checks.Pos
	rank int
	req  pipreq.Requirement
	text string // as written
}

// manifestRank orders the manifests of a project: the package metadata
// first, then the requirements files, then conda environments. A
// disagreement is reported at the later one, naming the earlier.
func agreeRank(p string) int {
	switch b := strings.ToLower(path.Base(p)); {
	case b == "pyproject.toml":
		return 0
	case b == "setup.cfg":
		return 1
	case b == "setup.py":
		return 2
	case b == "pipfile":
		return 3
	case b == "requirements.txt":
		return 4
	case pip.IsRequirementsFile(p):
		return 5
	}
	return 6
}

// compared reports whether two manifests describe the same environment
// closely enough to be compared. Two requirements files are not (cpu and
// gpu variants, one per Python version, pins for docs); a conda
// environment is compared with the package metadata and with
// requirements.txt.
func compared(x, y string) bool {
	rx, ry := agreeRank(x), agreeRank(y)
	switch {
	case rx >= 4 && rx <= 5 && ry >= 4 && ry <= 5:
		return false
	case rx == 5 && ry == 6, rx == 6 && ry == 5, rx == 6 && ry == 6:
		return false
	}
	return true
}

// projectDirOf is the project directory a manifest belongs to:
// "requirements/dev.txt" belongs to the project above it.
func projectDirOf(p string) string {
	d := path.Dir(p)
	if pip.IsRequirementsFile(p) {
		if b := strings.ToLower(path.Base(d)); b == "requirements" || b == "reqs" {
			d = path.Dir(d)
		}
	}
	return d
}

func isAgreeFile(p string) bool {
	return isPythonManifest(p) || isSetupFile(p) || isCondaEnvName(p) || pip.IsRequirementsFile(p) && !strings.HasSuffix(strings.ToLower(p), ".in")
}

// isAgree is isAgreeFile with a conda environment confirmed by its content.
func (a *analysis) isAgree(p string) bool {
	if maybeCondaEnv(p) && !isPythonManifest(p) && !isSetupFile(p) && !pip.IsRequirementsFile(p) {
		return a.isCondaEnv(p)
	}
	return isAgreeFile(p)
}

// manifestsAgree compares the manifests of each project directory where
// one of them is a target.
func (a *analysis) manifestsAgree() {
	dirs := map[string]bool{}
	for _, f := range a.p.Targets {
		if a.isAgree(f.Path) && f.LFS == nil {
			dirs[projectDirOf(f.Path)] = true
		}
	}
	if len(dirs) == 0 {
		return
	}
	files := map[string][]string{}
	if a.p.Full || a.stagedPackageManifest() {
		for _, f := range a.allFiles() {
			if d := projectDirOf(f); dirs[d] && a.isAgree(f) {
				files[d] = append(files[d], f)
			}
		}
	} else {
		// Only requirements files are staged (the common case): they are
		// compared with the manifests of fixed names beside them, found
		// without listing the repository.
		for _, f := range a.p.Targets {
			if a.isAgree(f.Path) && f.LFS == nil {
				files[projectDirOf(f.Path)] = append(files[projectDirOf(f.Path)], f.Path)
			}
		}
		for d := range dirs {
			if f := joinDir(d, "Pipfile"); a.exists(f) {
				files[d] = append(files[d], f)
			}
			files[d] = append(files[d], a.condaEnvsIn(d)...)
		}
	}
	sorted := make([]string, 0, len(files))
	for d := range files {
		sorted = append(sorted, d)
	}
	sort.Strings(sorted)
	for _, d := range sorted {
		a.compareManifests(a.pinSources(d, files[d]))
	}
}

// stagedPackageManifest reports whether a manifest other than a
// requirements file is a target: its requirements may disagree with any
// requirements file of its directory, whose names only a listing gives.
func (a *analysis) stagedPackageManifest() bool {
	for _, f := range a.p.Targets {
		if a.isAgree(f.Path) && !pip.IsRequirementsFile(f.Path) {
			return true
		}
	}
	return false
}

// pinSources reads the requirements of a project's manifests. Those with
// an environment marker are left out: they may differ per platform.
func (a *analysis) pinSources(dir string, files []string) []pinSource {
	var out []pinSource
	add := func(file string, line, col int, text string) {
		r, err := pipreq.ParseRequirement(text)
		if err != nil || r.Name == "" || r.Marker != "" {
			return
		}
		out = append(out, pinSource{Pos: checks.Pos{Path: file, Line: line, Col: col}, rank: agreeRank(file), req: r, text: text})
	}
	if pr := a.projectIn(dir); pr != nil {
		for _, d := range pr.deps {
			spec := d.Spec
			if d.Group == "poetry" || strings.HasPrefix(d.Group, "poetry-") {
				if d.Pin != pyproject.Exact || !poetryVersionRe().MatchString(d.Spec) {
					continue
				}
				spec = d.Name + "==" + strings.TrimLeft(d.Spec, "=")
			}
			add(d.File, d.Line, d.Col, spec)
		}
	}
	for _, f := range files {
		switch {
		case path.Base(f) == "Pipfile":
			if pf := a.pipfile(f); pf != nil {
				for _, d := range pf.Deps {
					if d.Pin == pyproject.Exact && strings.HasPrefix(d.Spec, "==") {
						add(f, d.Line, 0, d.Name+d.Spec)
					}
				}
			}
		case pip.IsRequirementsFile(f):
			data, err := a.read(f)
			if err != nil {
				continue
			}
			for _, l := range pipreq.ParseFile(f, data, nil).Lines {
				if l.Req != nil && !l.Req.Editable {
					add(f, l.Line, l.Col, l.Req.Raw)
				}
			}
		case maybeCondaEnv(f):
			env := a.condaFile(f)
			if env == nil {
				continue
			}
			for _, it := range env.Pip {
				for _, l := range pipreq.ParseFile(f, []byte(it.Value), nil).Lines {
					if l.Req != nil {
						add(f, it.Line, it.Col+l.Col-1, l.Req.Raw)
					}
				}
			}
			for _, it := range env.Deps {
				if m, ok := conda.ParseMatchSpec(it.Value); ok && m.Pin == conda.Exact {
					add(f, it.Line, it.Col, condaAsPip(m.Name)+"=="+strings.TrimLeft(m.Version, "="))
				}
			}
		}
	}
	return out
}

// poetryVersionRe matches a Poetry constraint that is one version.
var poetryVersionRe = lazyre.New(`^(?:==?)?\s*[0-9][0-9A-Za-z.+!_-]*$`)

// condaAsPip maps a conda package name to its PyPI name where they
// differ for the packages both ecosystems carry.
func condaAsPip(name string) string {
	switch strings.ToLower(name) {
	case "pytorch":
		return "torch"
	case "py-opencv":
		return "opencv-python"
	case "tensorflow-gpu":
		return "tensorflow"
	}
	return name
}

// compareManifests reports each requirement that disagrees with an
// earlier manifest's requirement of the same package (once, naming the
// first it disagrees with).
func (a *analysis) compareManifests(srcs []pinSource) {
	byName := map[string][]pinSource{}
	var names []string
	for _, s := range srcs {
		n := s.req.CanonicalName()
		if a.allowed(n) {
			continue
		}
		if byName[n] == nil {
			names = append(names, n)
		}
		byName[n] = append(byName[n], s)
	}
	sort.Strings(names)
	for _, n := range names {
		ss := byName[n]
		sort.SliceStable(ss, func(i, j int) bool {
			if ss[i].rank != ss[j].rank {
				return ss[i].rank < ss[j].rank
			}
			if ss[i].Path != ss[j].Path {
				return ss[i].Path < ss[j].Path
			}
			return ss[i].Line < ss[j].Line
		})
		for j, y := range ss {
			for _, x := range ss[:j] {
				if x.Path == y.Path || !compared(x.Path, y.Path) {
					continue
				}
				if msg, hint, ok := disagree(x, y); ok {
					a.Add(pinsDisagreeID, checks.Diag{Pos: y.Pos, Message: msg, Hint: hint})
					break
				}
			}
		}
	}
}

// disagree compares requirement y with the earlier x.
func disagree(x, y pinSource) (msg, hint string, ok bool) {
	name := y.req.Name
	where := fmt.Sprintf("%s:%d", x.Path, x.Line)
	hint = fmt.Sprintf("pin one version of %q in both files, or generate one from the other (e.g. \"uv pip compile pyproject.toml -o requirements.txt\")", name)
	xc, xCommit := commitOf(x.req)
	yc, yCommit := commitOf(y.req)
	if xCommit && yCommit {
		if xc == yc {
			return "", "", false
		}
		return fmt.Sprintf("%q is pinned at commit %q here but at %q in %s: installing from one manifest or the other gives different code", name, short(yc), short(xc), where), hint, true
	}
	xv, xExact := exactVersion(x.req)
	yv, yExact := exactVersion(y.req)
	switch {
	case xExact && yExact:
		if x.req.Satisfies(yv) || y.req.Satisfies(xv) {
			return "", "", false // equal, or one names a local build of the other (2.1.0 and 2.1.0+cu118)
		}
		return fmt.Sprintf("%q is pinned to %q here but to %q in %s: installing from one manifest or the other gives different versions", name, yv.String(), xv.String(), where), hint, true
	case yExact && isRange(x.req) && !x.req.Satisfies(yv):
		return fmt.Sprintf("%q is pinned to %q here, which %q in %s does not allow: both cannot be installed together", name, yv.String(), x.text, where),
			fmt.Sprintf("pin a version of %q that %q allows, or change the range in %s", name, x.req.Spec(), x.Path), true
	case xExact && isRange(y.req) && !y.req.Satisfies(xv):
		return fmt.Sprintf("%q here does not allow %q, which %s pins: both cannot be installed together", y.text, xv.String(), where),
			fmt.Sprintf("allow %q here, or pin a version this range allows in %s", xv.String(), x.Path), true
	}
	return "", "", false
}

// exactVersion is the version a requirement by name pins with "==".
func exactVersion(r pipreq.Requirement) (pipreq.Version, bool) {
	if r.Kind != pipreq.KindName {
		return pipreq.Version{}, false
	}
	return r.PinnedVersion()
}

func isRange(r pipreq.Requirement) bool { return r.Kind == pipreq.KindName && len(r.Specifiers) > 0 }

// commitOf is the repository and full commit of a VCS requirement.
func commitOf(r pipreq.Requirement) (string, bool) {
	if r.Kind != pipreq.KindVCS || !pipreq.IsFullCommit(r.VCS, r.Ref) {
		return "", false
	}
	return strings.ToLower(r.Ref), true
}

func short(commit string) string {
	if len(commit) > 12 {
		return commit[:12]
	}
	return commit
}
