package deps

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/pyproject"
	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/parse/setuppy"
	"github.com/git-repro/git-repro/parse/workflow"
	"github.com/git-repro/git-repro/snapshot"
)

// project is the packaging metadata of one directory, read the way pip
// builds it: pyproject.toml, setup.cfg and setup.py together. Its
// dependencies carry the file and line that declare them, so a setuptools
// project gets the checks a PEP 621 one gets, at the right place.
type project struct {
	dir  string
	name string
	py   *pyproject.Project // nil without pyproject.toml
	deps []dep
	// anchor is where findings about the project as a whole go: the
	// [project] (or [tool.poetry]) table, else the install_requires of
	// setup.cfg or setup.py that declares the dependencies.
	anchor checks.Pos
	// buildable: pip builds a distribution from the directory (a
	// [build-system] or a setup script, a name, no opt-out of packaging).
	buildable   bool
	classifiers bool // trove classifiers: metadata only a package index reads
}

// dep is one declared dependency and the file that declares it.
type dep struct {
	pyproject.Dep
	File string
	Col  int
}

// spec is the dependency as written, for messages.
func (d dep) spec() string {
	if d.Group == "poetry" || strings.HasPrefix(d.Group, "poetry-") {
		return d.Name + " " + d.Spec
	}
	return d.Spec
}

func isSetupFile(p string) bool { return checks.BaseMatch(p, "setup.py", "setup.cfg") }

// setupFile parses a setup.py or setup.cfg once per run; nil when it does
// not exist, or when setup.py is not Python (reported).
func (a *analysis) setupFile(file string) *setuppy.Setup {
	v := a.parsed("setuppy", file, func(b []byte) (any, error) {
		if path.Base(file) == "setup.cfg" {
			return setuppy.ParseSetupCfg(b), nil
		}
		return setuppy.ParseSetupPy(b)
	})
	switch x := v.(type) {
	case *setuppy.Setup:
		for _, e := range x.Errors {
			a.parseError(file, e.Line, e.Msg)
		}
		return x
	case *python.Error:
		a.parseError(file, x.Line, x.Msg)
	}
	return nil
}

// extensionOnly reports whether a setup.py below the repository root only
// builds C/C++/CUDA extensions (ops/dcn/setup.py with a CUDAExtension and
// no requirements): a build step of the project above it, not a project.
func extensionOnly(file string, s *setuppy.Setup) bool {
	return path.Dir(file) != "." && path.Base(file) == "setup.py" && s.BuildsExtensions() &&
		s.InstallRequires == nil && s.ExtrasRequire == nil && s.PythonRequires == nil
}

// extensionBuild reports whether file is a setup.py that only builds
// extensions below the repository root (see extensionOnly).
func (a *analysis) extensionBuild(file string) bool {
	if path.Base(file) != "setup.py" || path.Dir(file) == "." {
		return false
	}
	s := a.setupFile(file)
	return s != nil && extensionOnly(file, s)
}

// projectIn reads the project of a directory once per run; nil when the
// directory has no pyproject.toml, setup.cfg or setup.py (or only an
// extension build).
func (a *analysis) projectIn(dir string) *project {
	return a.p.Memo("deps:project:"+dir, func() any { return a.readProject(dir) }).(*project)
}

func (a *analysis) readProject(dir string) *project {
	pr := &project{dir: dir}
	found := false
	if f := joinDir(dir, "pyproject.toml"); a.exists(f) {
		if pr.py = a.pyproject(f); pr.py == nil {
			return nil // does not parse: reported
		}
		found = true
		pr.name = pr.py.Name
		pr.classifiers = len(pr.py.Classifiers) > 0
		for _, d := range pr.py.Deps {
			pr.deps = append(pr.deps, dep{Dep: d, File: f})
		}
		if len(pr.py.Deps) > 0 {
			line := pr.py.Index.Line("project")
			if line == 0 {
				line = pr.py.Index.Line("tool", "poetry")
			}
			pr.anchor = checks.Pos{Path: f, Line: line}
		}
	}
	setupScript := false
	for _, n := range []string{"setup.cfg", "setup.py"} {
		f := joinDir(dir, n)
		if !a.exists(f) {
			continue
		}
		s := a.setupFile(f)
		if s == nil || extensionOnly(f, s) {
			continue
		}
		found = true
		setupScript = setupScript || n == "setup.py"
		if pr.name == "" && s.Name != nil {
			pr.name = s.Name.Text
		}
		if _, ok := s.Keywords["classifiers"]; ok {
			pr.classifiers = true
		}
		before := len(pr.deps)
		for _, fld := range []*setuppy.Field{s.InstallRequires, s.ExtrasRequire} {
			a.addSetupDeps(pr, f, fld)
		}
		if pr.anchor.Path == "" && len(pr.deps) > before {
			line := s.Line
			switch {
			case s.InstallRequires != nil && len(s.InstallRequires.Requirements) > 0:
				line = s.InstallRequires.Line
			case s.ExtrasRequire != nil:
				line = s.ExtrasRequire.Line
			}
			pr.anchor = checks.Pos{Path: f, Line: line}
		}
	}
	if !found {
		return nil
	}
	switch {
	case pr.py != nil && pr.py.NotPackage:
	case pr.py != nil && pr.py.IsLibrary():
		pr.buildable = true
	default:
		// setuptools builds a directory with a setup script (pip needs
		// setup.py or pyproject.toml to start it).
		pr.buildable = setupScript || pr.py == nil
	}
	return pr
}

// addSetupDeps adds the requirements of a setup.py / setup.cfg field.
// Requirements read from a requirements file are that file's (the pip
// rules check it); a requirement that is not valid makes the install fail.
func (a *analysis) addSetupDeps(pr *project, file string, f *setuppy.Field) {
	if f == nil {
		return
	}
	for _, r := range f.Requirements {
		if r.Err != nil {
			a.Add(parseID, checks.Diag{Pos: checks.Pos{Path: file, Line: r.Line, Col: r.Col},
				Message: fmt.Sprintf("requirement %q in %s is not valid (%v): pip cannot install the project", r.Text, path.Base(file), r.Err),
				Hint:    "write a PEP 508 requirement, e.g. \"numpy>=1.26\" or \"numpy==1.26.4\""})
			continue
		}
		if r.Req.Name == "" {
			continue
		}
		group := "install_requires"
		if r.Extra != "" {
			group = "extras:" + r.Extra
		}
		pr.deps = append(pr.deps, dep{Dep: pyproject.Dep{Name: r.Req.Name, Spec: r.Text, Group: group, Line: r.Line, Pin: r.Req.Pin()}, File: file, Col: r.Col})
	}
}

// label names the project in messages: "project \"x\"" or the directory.
func (pr *project) label(noun string) string {
	if pr.name != "" {
		return fmt.Sprintf("%s %q", noun, pr.name)
	}
	if pr.dir == "." {
		return noun + " at the repository root"
	}
	return fmt.Sprintf("%s in %q", noun, pr.dir)
}

// lockCommand names the command that creates a lock for the project.
func (pr *project) lockCommand() string {
	if pr.py != nil && (pr.py.HasProject || pr.py.HasPoetry) {
		return lockCommand(pr.py)
	}
	manifest := "setup.py"
	if pr.anchor.Path != "" {
		manifest = path.Base(pr.anchor.Path)
	}
	return "uv pip compile " + manifest + " -o requirements.txt"
}

// kind is what a buildable project is, for the lock advice.
type kind int

const (
	kindUnsure      kind = iota
	kindLibrary          // published: classifiers, a publishing workflow
	kindApplication      // run from the repository: training scripts, configs, a Dockerfile
)

// kindOf judges a buildable project by what the repository shows: a
// package index's metadata (trove classifiers) or a workflow that
// publishes make it a library; entry scripts (train.py, evaluate.py,
// main.py ... beside the manifest or in scripts/ or tools/), a configs/
// directory or a Dockerfile make it an application that is installed
// only to make its own code importable. Nothing either way: unsure.
// evidence names what decided it.
func (a *analysis) kindOf(pr *project) (k kind, evidence string) {
	if pr.classifiers {
		return kindLibrary, "trove classifiers"
	}
	if w := a.ciPublishes(); w != "" {
		return kindLibrary, "published by " + w
	}
	if ev := a.applicationEvidence(pr.dir); len(ev) > 0 {
		return kindApplication, strings.Join(ev, ", ")
	}
	return kindUnsure, ""
}

// entryScriptRe matches the scripts an application is run with.
var entryScriptRe = lazyre.New(`^(?:train|finetune|fine_tune|pretrain|eval|evaluate|inference|infer|predict|main|run|demo|app|serve|launch|sample)(?:[_-][\w-]*)?\.py$`)

// applicationEvidence lists what makes dir an application's directory:
// entry scripts beside the manifest or in scripts/, tools/, bin/; a
// configs/ (config/, conf/) directory of YAML, JSON or Python configs; a
// Dockerfile. At most three, sorted.
func (a *analysis) applicationEvidence(dir string) []string {
	set := map[string]bool{}
	prefix := ""
	if dir != "." {
		prefix = dir + "/"
	}
	for _, f := range a.allFiles() {
		rel, ok := strings.CutPrefix(f, prefix)
		if !ok {
			continue
		}
		d, base := path.Split(rel)
		d = strings.TrimSuffix(d, "/")
		lb := strings.ToLower(base)
		switch {
		case (d == "" || d == "scripts" || d == "tools" || d == "bin") && entryScriptRe().MatchString(lb) && !strings.Contains(lb, "test"):
			set[rel] = true
		case d == "" && (lb == "dockerfile" || lb == "containerfile"):
			set[rel] = true
		default:
			top, _, nested := strings.Cut(rel, "/")
			switch strings.ToLower(top) {
			case "configs", "config", "conf":
				if nested && (strings.HasSuffix(lb, ".yaml") || strings.HasSuffix(lb, ".yml") || strings.HasSuffix(lb, ".json") || strings.HasSuffix(lb, ".py")) {
					set[top+"/"] = true
				}
			}
		}
	}
	out := make([]string, 0, len(set))
	for s := range set {
		out = append(out, s)
	}
	sort.Strings(out)
	if len(out) > 3 {
		out = out[:3]
	}
	for i, s := range out {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}

// allFiles lists the repository's paths once per run. Only rules that need
// a repository-wide view call it, and only when a relevant file is a
// target.
func (a *analysis) allFiles() []string {
	return a.p.Memo("deps:all-files", func() any {
		files := a.allFileInfos()
		out := make([]string, 0, len(files))
		for _, f := range files {
			out = append(out, f.Path)
		}
		return out
	}).([]string)
}

// allFileInfos is allFiles with each file's description.
func (a *analysis) allFileInfos() []snapshot.FileInfo {
	return a.p.Memo("deps:all-file-infos", func() any {
		files, _ := a.p.Tree.Files()
		return files
	}).([]snapshot.FileInfo)
}

// ciPublishes returns the workflow that publishes a package to an index
// (pypa/gh-action-pypi-publish, twine upload, poetry / uv / hatch / flit /
// pdm publish), or "".
func (a *analysis) ciPublishes() string {
	return a.p.Memo("deps:ci-publishes", func() any {
		for _, wf := range a.workflows() {
			for _, j := range wf.w.Jobs {
				for _, s := range j.Steps {
					if s.Uses != nil && strings.HasPrefix(strings.ToLower(s.Uses.Value), "pypa/gh-action-pypi-publish@") {
						return wf.path
					}
					for _, c := range a.stepScript(wf.path, wf.data, s).Commands {
						if publishCommand(c.Args) {
							return wf.path
						}
					}
				}
			}
		}
		return ""
	}).(string)
}

func publishCommand(args []string) bool {
	for i := 0; i+1 < len(args); i++ {
		tool, sub := path.Base(args[i]), args[i+1]
		switch {
		case tool == "twine" && sub == "upload",
			(tool == "poetry" || tool == "uv" || tool == "hatch" || tool == "flit" || tool == "pdm") && sub == "publish":
			return true
		}
	}
	return false
}

// parsedWorkflow is a workflow file with its source.
type parsedWorkflow struct {
	path string
	data []byte
	w    *workflow.Workflow
}

// workflows parses the repository's GitHub workflows once per run (the
// ones that parse; REPRO-CI-001 reports the others).
func (a *analysis) workflows() []parsedWorkflow {
	return a.p.Memo("deps:workflows", func() any {
		var out []parsedWorkflow
		for _, f := range a.allFiles() {
			if !workflow.IsFile(f) {
				continue
			}
			data, err := a.read(f)
			if err != nil {
				continue
			}
			if w, err := workflow.Parse(data); err == nil {
				out = append(out, parsedWorkflow{path: f, data: data, w: w})
			}
		}
		return out
	}).([]parsedWorkflow)
}
