package deps

import (
	"fmt"
	"path"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/dockerfile"
	"github.com/git-repro/git-repro/parse/shellcmd"
	"github.com/git-repro/git-repro/rules/docker"
	"github.com/git-repro/git-repro/rules/pip"
)

// REPRO-DEP-140: Python code that imports third-party packages in a
// repository with no dependency manifest at all. Third party is what is
// neither the standard library nor a module of the repository itself.

// noManifestPath is where the missing manifest should be.
const noManifestPath = "requirements.txt"

// Bounds of the import scan: it runs only in repositories without any
// manifest, but those may still hold generated or vendored code.
const (
	maxImportFiles    = 5000
	maxImportFileSize = 1 << 20
)

// rootManifests are looked up first (at the root, and beside staged
// programs): one of them ends the check at the cost of a stat.
var rootManifests = []string{"requirements.txt", "pyproject.toml", "setup.py", "setup.cfg", "Pipfile", "environment.yml", "environment.yaml", "requirements.in", "conda.yml", "conda.yaml", "pixi.toml"}

// isAnyManifest matches every file that declares Python dependencies (a
// conda environment confirmed by its content when its name is not one of
// the fixed ones).
func (a *analysis) isAnyManifest(p string) bool {
	return isPythonManifest(p) || isSetupFile(p) || pip.IsRequirementsFile(p) || maybeCondaEnv(p) && a.isCondaEnv(p) ||
		isPythonLock(p) || isCondaLockFile(p) || checks.BaseMatch(p, "pixi.toml")
}

// skippedCodeDir reports whether a directory holds code that is not the
// project's own program: hidden directories, vendored and third-party
// trees, virtual environments, documentation builds, test fixtures.
func skippedCodeDir(dir string) bool {
	for _, c := range strings.Split(dir, "/") {
		switch lc := strings.ToLower(c); {
		case c == "." || c == "":
		case strings.HasPrefix(c, "."),
			lc == "third_party" || lc == "thirdparty" || lc == "3rdparty" || lc == "vendor" || lc == "vendored" ||
				lc == "external" || lc == "extern" || lc == "site-packages" || lc == "node_modules" ||
				lc == "venv" || lc == "virtualenv" || lc == "docs" || lc == "doc" || lc == "testdata" || lc == "fixtures":
			return true
		}
	}
	return false
}

// pythonImageRe matches a base image that ships a Python environment.
var pythonImageRe = lazyre.New(`(?i)python|pytorch|tensorflow|conda|mamba|jupyter|huggingface|nvcr\.io/nvidia/`)

// dockerfileInstallsPython reports whether a Dockerfile defines the
// project's Python environment: a base image that ships one, or a RUN
// command that installs packages into one (pip, uv pip, conda, mamba,
// micromamba, as parse/shellcmd reads them for every family; poetry, pdm,
// pipenv install or uv sync). The container is then its manifest, and the
// docker rules judge its pins.
func (a *analysis) dockerfileInstallsPython(file string) bool {
	data, err := a.read(file)
	if err != nil {
		return false
	}
	df := dockerfile.Parse(data)
	for _, st := range df.Stages {
		if pythonImageRe().MatchString(st.Image.Name) {
			return true
		}
	}
	cmds := shellcmd.Dockerfile(df)
	if len(cmds.Installs) > 0 {
		return true
	}
	for _, c := range cmds.Commands {
		if envTool(c.Args) != "" {
			return true
		}
	}
	return false
}

// localModules is what a program of the repository can import from the
// repository itself.
type localModules struct {
	stems    map[string]map[string]bool // directory -> module names in it (x.py, x.pyi, x.pyx, x.*.so, x_pb2 of x.proto)
	pyDirs   map[string]bool            // directories holding Python files at any depth (packages, namespace packages)
	packages map[string]bool            // names of directories with an __init__.py, anywhere
}

func newLocalModules(files []string) *localModules {
	lm := &localModules{stems: map[string]map[string]bool{}, pyDirs: map[string]bool{}, packages: map[string]bool{}}
	for _, f := range files {
		dir, base := path.Split(f)
		dir = path.Clean(dir)
		stem, ext, _ := strings.Cut(base, ".")
		stems := []string{stem}
		switch strings.ToLower(path.Ext(base)) {
		case ".py", ".pyi", ".pyx", ".so", ".pyd":
		case ".proto": // protoc writes x_pb2.py (and x_pb2_grpc.py) beside it
			stems = []string{stem + "_pb2", stem + "_pb2_grpc"}
		default:
			continue
		}
		if ext == "" {
			continue
		}
		if lm.stems[dir] == nil {
			lm.stems[dir] = map[string]bool{}
		}
		for _, s := range stems {
			lm.stems[dir][s] = true
		}
		if base == "__init__.py" && dir != "." {
			lm.packages[path.Base(dir)] = true
		}
		for d := dir; d != "." && d != "/" && d != ""; d = path.Dir(d) {
			lm.pyDirs[d] = true
		}
	}
	return lm
}

// has reports whether name is a module of the repository for a program
// in dir: beside it, in a parent directory (scripts run from the root),
// under src/, or a package anywhere (put on sys.path by the program).
func (lm *localModules) has(name, dir string) bool {
	if lm.packages[name] {
		return true
	}
	look := func(d string) bool { return lm.stems[d][name] || lm.pyDirs[joinDir(d, name)] }
	for d := dir; ; d = path.Dir(d) {
		if look(d) {
			return true
		}
		if d == "." || d == "/" || d == "" {
			break
		}
	}
	return look("src")
}

// noManifest reports a repository without any dependency manifest whose
// Python files import third-party packages. It runs on a full check and
// when a Python file is staged.
func (a *analysis) noManifest() {
	relevant := a.p.Full
	for _, f := range a.p.Targets {
		if strings.HasSuffix(f.Path, ".py") && f.LFS == nil {
			relevant = true
			break
		}
	}
	if !relevant {
		return
	}
	// A manifest at the root, or (on a hook run) beside a staged program or
	// in one of its parents, ends the check at the cost of a few stats; only
	// a repository without one lists its files.
	dirs := map[string]bool{".": true}
	if !a.p.Full {
		for _, f := range a.p.Targets {
			for d := path.Dir(f.Path); d != "." && d != "/" && d != ""; d = path.Dir(d) {
				dirs[d] = true
			}
		}
	}
	for d := range dirs {
		for _, n := range rootManifests {
			if a.exists(joinDir(d, n)) {
				return
			}
		}
	}
	files := a.allFiles()
	var pyFiles []string
	for _, f := range files {
		if a.isAnyManifest(f) || docker.IsDockerfile(f) && a.dockerfileInstallsPython(f) {
			return
		}
		if strings.HasSuffix(f, ".py") && !skippedCodeDir(path.Dir(f)) && !a.p.Config.Ignored(f) && len(pyFiles) < maxImportFiles {
			pyFiles = append(pyFiles, f)
		}
	}
	lm := newLocalModules(files)
	type use struct {
		name, file string
		line       int
	}
	var uses []use
	seen := map[string]bool{}
	for _, f := range pyFiles {
		if fi, err := a.p.Tree.Stat(f); err != nil || fi.LFS != nil || fi.Size > maxImportFileSize {
			continue
		}
		data, err := a.p.Tree.ReadFile(f)
		if err != nil {
			continue
		}
		refs, err := scanImports(data)
		if err != nil {
			continue
		}
		for _, r := range refs {
			if r.optional || seen[r.top] || stdlib()[r.top] || python2Stdlib[r.top] || installerModules[r.top] || generatedModule(r.top) || lm.has(r.top, path.Dir(f)) {
				continue
			}
			seen[r.top] = true
			uses = append(uses, use{r.top, f, r.line})
		}
	}
	if len(uses) == 0 {
		return
	}
	var parts, examples []string
	for i, u := range uses {
		if i == 6 {
			parts = append(parts, fmt.Sprintf("and %d more", len(uses)-6))
			break
		}
		if d, ok := distributionOf[u.name]; ok {
			parts = append(parts, fmt.Sprintf("%q (%s, %s:%d)", u.name, d, u.file, u.line))
		} else {
			parts = append(parts, fmt.Sprintf("%q (%s:%d)", u.name, u.file, u.line))
		}
	}
	for _, u := range uses[:min(2, len(uses))] {
		dist := u.name
		if d, ok := distributionOf[u.name]; ok {
			dist = d
		}
		examples = append(examples, fmt.Sprintf("%q", dist+"==X.Y.Z"))
	}
	a.Add(noManifestID, checks.Diag{Pos: checks.Pos{Path: noManifestPath},
		Message: fmt.Sprintf("the repository has no dependency manifest, but its python files import third-party packages: %s; add %s listing them with pinned versions", strings.Join(parts, ", "), noManifestPath),
		Hint:    fmt.Sprintf("write %s with one line per package, e.g. %s (\"pip freeze\" in a working environment shows the versions), or declare them in pyproject.toml", noManifestPath, strings.Join(examples, " and ")),
		Key:     "no-manifest"})
}
