package deps

import (
	"fmt"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/dockerfile"
	"github.com/git-repro/git-repro/parse/workflow"
	"github.com/git-repro/git-repro/rules/docker"
	"github.com/git-repro/git-repro/rules/pip"
)

// The Python a project runs on in CI and in its container, compared with
// the versions its files declare (REPRO-DEP-131): a CI job that installs
// or tests the project on a version requires-python excludes, a CI job
// that never tests the version .python-version names, a Dockerfile that
// builds on another Python.

// runtimes checks the workflows and Dockerfiles that are targets, and all
// of them when a declaration or a manifest is one.
func (a *analysis) runtimes() {
	all := a.p.Full
	for _, f := range a.p.Targets {
		// Requirements files declare no Python version: staging one (the
		// most common manifest change) lists nothing.
		if isPyDeclFile(f.Path) || !pip.IsRequirementsFile(f.Path) && a.isPyProject(f.Path) {
			all = true
			break
		}
	}
	var files []string
	if all {
		files = a.allFiles()
	} else {
		for _, f := range a.p.Targets {
			files = append(files, f.Path)
		}
	}
	for _, f := range files {
		switch {
		case workflow.IsFile(f):
			a.ciPythons(f)
		case docker.IsDockerfile(f):
			a.dockerPython(f)
		}
	}
}

// declsFrom returns the Python version declarations that hold for dir:
// its own and its parents'.
func (a *analysis) declsFrom(dir string) []pyDecl {
	var decls []pyDecl
	for d := dir; ; d = path.Dir(d) {
		decls = append(decls, a.pyDeclsIn(d)...)
		if d == "." || d == "/" || d == "" {
			return decls
		}
	}
}

// pythonTagRe finds the Python version in the tag of an image that is not
// the python image itself ("uv:python3.12-bookworm-slim").
var pythonTagRe = lazyre.New(`(?:^|[-_])python-?(3(?:\.[0-9]+){1,2})(?:$|[-_])`)

// imagePython returns the Python release an image runs, from the official
// python image's tag ("python:3.11-slim" -> 3.11, "python:3" -> 3) or a
// "python3.X" part of another image's tag; nil when the image does not say.
func imagePython(im dockerfile.Image) []int {
	if path.Base(strings.ToLower(im.Name)) == "python" { // python, library/python, cimg/python ...
		v, _, _ := strings.Cut(im.Tag, "-")
		if rel := parseRelease(v); len(rel) > 0 && rel[0] >= 2 {
			return rel
		}
		return nil
	}
	if m := pythonTagRe().FindStringSubmatch(strings.ToLower(im.Tag)); m != nil {
		return parseRelease(m[1])
	}
	return nil
}

// dockerPython compares the Python of each stage's base image with the
// declarations of the Dockerfile's directory.
func (a *analysis) dockerPython(file string) {
	data, err := a.read(file)
	if err != nil {
		return
	}
	decls := a.declsFrom(path.Dir(file))
	if len(decls) == 0 {
		return
	}
	df := dockerfile.Parse(data)
	for _, st := range df.Stages {
		if st.Parent != nil || len(st.Unresolved) > 0 {
			continue
		}
		v := imagePython(st.Image)
		if v == nil {
			continue
		}
		ref := st.Image.Name + ":" + st.Image.Tag
		for _, d := range decls {
			if agrees(v, d) {
				continue
			}
			pos := checks.Pos{Path: file, Line: st.Line}
			if d.point != nil {
				a.Add(pythonDiffID, checks.Diag{Pos: pos,
					Message: fmt.Sprintf("base image %q runs python %s but %s declares %q", ref, releaseString(v), d.where(), d.Text),
					Hint:    fmt.Sprintf("build on the declared python (e.g. FROM python:%s-slim, pinned by digest) or change %s", releaseString(d.point), d.where())})
			} else {
				a.Add(pythonDiffID, checks.Diag{Pos: pos,
					Message: fmt.Sprintf("base image %q runs python %s, which %s %q excludes", ref, releaseString(v), d.where(), d.Text),
					Hint:    fmt.Sprintf("build on a python that %s %q admits, or change the declaration", d.where(), d.Text)})
			}
			break
		}
	}
}

// agrees reports whether a release series v can satisfy a declaration.
func agrees(v []int, d pyDecl) bool {
	if d.point != nil {
		return prefixCompatible(v, d.point)
	}
	return d.set.admitsSeries(v)
}

func releaseString(v []int) string {
	parts := make([]string, len(v))
	for i, n := range v {
		parts[i] = fmt.Sprint(n)
	}
	return strings.Join(parts, ".")
}

// ciVersion is one Python version a CI job runs, where it is written.
type ciVersion struct {
	node *yaml.Node
	v    []int
	// what names it in messages: "\"3.9\"", "3.9 (container
	// \"python:3.9-slim\")".
	what string
}

// ciPythonRe reads a setup-python version: "3.11", "3.11.4", "3.x",
// "3.13-dev", "3.12.0-beta.1"; ranges, PyPy and expressions are not read.
var ciPythonRe = lazyre.New(`^v?(3(?:\.[0-9]+){0,2})(?:\.x)?(?:-(?:dev|alpha|beta|rc)[.0-9]*)?$`)

// ciJob is a workflow job that installs or tests the project, with the
// Python versions it runs.
type ciJob struct {
	id  string
	dir string // where it installs or tests the project
	vs  []ciVersion
}

// projectJobs returns the jobs of a workflow that install or test the
// project on known Python versions.
func (a *analysis) projectJobs(wf parsedWorkflow) []ciJob {
	var out []ciJob
	for _, j := range wf.w.Jobs {
		dir, ok := a.jobProjectDir(wf, j)
		if !ok {
			continue
		}
		if vs := jobPythons(j); len(vs) > 0 {
			out = append(out, ciJob{j.ID, dir, vs})
		}
	}
	return out
}

// ciPythons compares the Python versions of the jobs that install or test
// the project with the declarations of the directory they work in: each
// version a constraint excludes is reported at its line; a release that a
// file names (.python-version, runtime.txt, ...) must be run by some job of
// some workflow, else the workflow is reported once.
func (a *analysis) ciPythons(file string) {
	data, err := a.read(file)
	if err != nil {
		return
	}
	w, err := workflow.Parse(data)
	if err != nil {
		return // REPRO-CI-001 reports it
	}
	jobs := a.projectJobs(parsedWorkflow{path: file, data: data, w: w})
	reported := map[*yaml.Node]bool{}
	for _, j := range jobs {
		for _, d := range a.declsFrom(j.dir) {
			if d.point != nil {
				continue
			}
			for _, v := range j.vs {
				if reported[v.node] || d.set.admitsSeries(v.v) {
					continue
				}
				reported[v.node] = true
				a.Add(pythonDiffID, checks.Diag{Pos: checks.Pos{Path: file, Line: v.node.Line, Col: v.node.Column},
					Message: fmt.Sprintf("ci job %q tests python %s, which %s %q excludes", j.id, v.what, d.where(), d.Text),
					Hint:    fmt.Sprintf("test the versions %s admits (drop %q from the job), or change the declaration", d.where(), v.node.Value)})
			}
		}
	}
	if len(jobs) == 0 {
		return
	}
	first := jobs[0]
	for _, d := range a.declsFrom(first.dir) {
		if d.point == nil || reported[first.vs[0].node] || a.ciRuns(d.point) {
			continue
		}
		var names []string
		for _, j := range jobs {
			for _, v := range j.vs {
				names = append(names, v.what)
			}
		}
		if len(names) > 6 {
			names = append(names[:6], "...")
		}
		reported[first.vs[0].node] = true
		a.Add(pythonDiffID, checks.Diag{Pos: checks.Pos{Path: file, Line: first.vs[0].node.Line, Col: first.vs[0].node.Column},
			Message: fmt.Sprintf("ci tests python %s (job %q) but no job runs the %q that %s declares", strings.Join(names, ", "), first.id, d.Text, d.where()),
			Hint:    fmt.Sprintf("test python %s in ci (add it to the matrix) or change %s", releaseString(d.point), d.where())})
	}
}

// ciRuns reports whether a job of any workflow installs or tests the
// project on the release series p.
func (a *analysis) ciRuns(p []int) bool {
	for _, wf := range a.workflows() {
		for _, j := range a.projectJobs(wf) {
			for _, v := range j.vs {
				if prefixCompatible(v.v, p) {
					return true
				}
			}
		}
	}
	return false
}

var matrixExprRe = lazyre.New(`^\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}$`)

// jobPythons returns the Python versions a job runs: the python-version
// input of its steps (setup-python, setup-uv, setup-miniconda ...) and its
// container's python image, a matrix reference expanded to the values of
// its axis and include entries (exclude only drops combinations). Values
// that are not plain versions are left out.
func jobPythons(j *workflow.Job) []ciVersion {
	var out []ciVersion
	add := func(n *yaml.Node) {
		if n == nil || n.Kind != yaml.ScalarNode {
			return
		}
		if m := matrixExprRe().FindStringSubmatch(strings.TrimSpace(n.Value)); m != nil {
			for _, mv := range matrixAxis(j.Matrix, m[1]) {
				if v := ciRelease(mv.Value); v != nil {
					out = append(out, ciVersion{mv, v, fmt.Sprintf("%q", mv.Value)})
				}
			}
			return
		}
		if v := ciRelease(n.Value); v != nil {
			out = append(out, ciVersion{n, v, fmt.Sprintf("%q", n.Value)})
		}
	}
	for _, s := range j.Steps {
		for _, kv := range s.With {
			if kv.Key.Value == "python-version" {
				add(kv.Value)
			}
		}
	}
	c := workflow.Get(j.Node, "container")
	if c != nil && c.Kind == yaml.MappingNode {
		c = workflow.Get(c, "image")
	}
	if c != nil && c.Kind == yaml.ScalarNode {
		if m := matrixExprRe().FindStringSubmatch(strings.TrimSpace(c.Value)); m == nil {
			if v := imagePython(dockerfile.ParseImage(c.Value)); v != nil {
				out = append(out, ciVersion{c, v, fmt.Sprintf("%s (container %q)", releaseString(v), c.Value)})
			}
		}
	}
	return out
}

func ciRelease(s string) []int {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "\n") { // a multi-line list: the last is the default
		ls := strings.Fields(s)
		s = ls[len(ls)-1]
	}
	m := ciPythonRe().FindStringSubmatch(s)
	if m == nil {
		return nil
	}
	return parseRelease(m[1])
}

// matrixAxis returns the values of one axis of a strategy.matrix and of
// the include entries that set it.
func matrixAxis(m *yaml.Node, axis string) []*yaml.Node {
	var out []*yaml.Node
	for _, kv := range workflow.Pairs(m) {
		switch kv.Key.Value {
		case "exclude":
		case "include":
			if kv.Value.Kind != yaml.SequenceNode {
				continue
			}
			for _, e := range kv.Value.Content {
				out = append(out, workflow.Scalars(workflow.Get(e, axis))...)
			}
		case axis:
			out = append(out, workflow.Scalars(kv.Value)...)
		}
	}
	return out
}

// toolingReqsRe names requirements files of tools rather than of the
// project: a job that installs only those (linters, docs) runs no project
// code.
var toolingReqsRe = lazyre.New(`(?i)(?:^|[-_.])(?:lint|linters?|linting|docs?|style|format|formatting|typing|types|mypy|pre-?commit|tools)(?:[-_.]|$)`)

// runsTests reports whether a command runs the project's tests: pytest,
// tox, nox, python -m pytest / unittest, also through "uv run", "poetry
// run" and the like.
func runsTests(args []string) bool {
	i := 0
	for i < len(args) {
		switch b := path.Base(args[i]); {
		case b == "sudo" || b == "env" || b == "time" || b == "exec":
			i++
		case (b == "uv" || b == "poetry" || b == "pdm" || b == "pipenv" || b == "hatch" || b == "rye") && i+1 < len(args) && args[i+1] == "run":
			i += 2
		case b == "pytest" || b == "tox" || b == "nox":
			return true
		case strings.HasPrefix(b, "python"):
			return i+2 < len(args) && args[i+1] == "-m" && (args[i+2] == "pytest" || args[i+2] == "unittest" || args[i+2] == "tox" || args[i+2] == "nox")
		default:
			return false
		}
	}
	return false
}
