package deps

import (
	"fmt"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/pipreq"
	"github.com/git-repro/git-repro/parse/shellcmd"
	"github.com/git-repro/git-repro/parse/workflow"
	"github.com/git-repro/git-repro/rules/pip"
)

// What the run: steps of GitHub workflows do to the project, read with
// parse/shellcmd as the ci rules (REPRO-CI-004) read them: which project
// directories CI installs from their manifest, with the pins of the
// command's -r/-c files (REPRO-DEP-111), which jobs install or test the
// project and where (REPRO-DEP-131), whether a workflow publishes it (a
// library, for REPRO-DEP-110/111).

// stepRun is a step's run: script as the shell reads it.
type stepRun struct {
	*shellcmd.Result
	file    string
	wd      string // the step's working-directory
	lineOff int
	colOf   func(line, col int) int
}

// stepScript reads a step's run: script once per run (an empty result
// when it has none).
func (a *analysis) stepScript(file string, data []byte, s *workflow.Step) *stepRun {
	if s.Run == nil || s.Run.Kind != yaml.ScalarNode {
		return &stepRun{Result: &shellcmd.Result{}, file: file, wd: stepDir(s)}
	}
	key := fmt.Sprintf("deps:run:%s:%d:%d", file, s.Run.Line, s.Run.Column)
	return a.p.Memo(key, func() any {
		off, colOf := workflow.PositionMap(s.Run, data)
		return &stepRun{Result: shellcmd.GitHubRun(s.Run.Value), file: file, wd: stepDir(s), lineOff: off, colOf: colOf}
	}).(*stepRun)
}

// pos is where a command of the script starts in the workflow file.
func (r *stepRun) pos(line, col int) checks.Pos {
	return checks.Pos{Path: r.file, Line: line + r.lineOff, Col: r.colOf(line, col)}
}

// dir is where a command that runs in d (relative to where the script
// starts) runs in the repository; ok is false when that is known only at
// run time ("cd $DIR") or lies outside the checkout ("cd /tmp").
func (r *stepRun) dir(d string) (string, bool) {
	if strings.Contains(d, shellcmd.Unknown) || path.IsAbs(d) {
		return "", false
	}
	return path.Join(r.wd, d), true
}

// stepDir is a step's working-directory, "." by default or when it
// depends on an expression.
func stepDir(s *workflow.Step) string {
	if n := workflow.Get(s.Node, "working-directory"); n != nil && n.Value != "" && !strings.Contains(n.Value, "${{") {
		return path.Clean(n.Value)
	}
	return "."
}

// ciInstall is a workflow command that installs a project from its
// manifest: where it is, and the packages its -r/-c files pin ("pip
// install -c constraints.txt -e ." pins the CI environment as a lock
// would).
type ciInstall struct {
	checks.Pos
	Pins map[string]bool
}

// ciInstalls returns the project directories that a GitHub workflow
// installs from their manifest ("pip install .", "pip install -e ./sub",
// "cd sub && pip install .", "poetry install", "uv sync", "pdm install"),
// with the first such command. It lists the repository's files, so it
// runs only when a library without a lock file asks, once per run.
func (a *analysis) ciInstalls() map[string]ciInstall {
	return a.p.Memo("deps:ci-installs", func() any {
		out := map[string]ciInstall{}
		for _, wf := range a.workflows() {
			for _, j := range wf.w.Jobs {
				for _, s := range j.Steps {
					run := a.stepScript(wf.path, wf.data, s)
					for _, c := range run.Commands {
						for _, dir := range run.installedDirs(c) {
							if _, ok := out[dir]; !ok {
								out[dir] = ciInstall{Pos: run.pos(c.Line, c.Col), Pins: a.commandPins(run, c)}
							}
						}
					}
				}
			}
		}
		return out
	}).(map[string]ciInstall)
}

// install returns the pip install a command is, if it is one.
func (r *stepRun) install(c shellcmd.Command) (shellcmd.Install, bool) {
	if c.Install < 0 || c.Install >= len(r.Installs) {
		return shellcmd.Install{}, false
	}
	in := r.Installs[c.Install]
	return in, !in.Conda()
}

// commandPins returns the packages a pip command's -r/-c files pin (nil
// when it names none, or one cannot be read).
func (a *analysis) commandPins(r *stepRun, c shellcmd.Command) map[string]bool {
	in, ok := r.install(c)
	if !ok {
		return nil
	}
	files := append(append([]string(nil), in.Files...), in.Constraints...)
	dir, known := r.dir(in.Dir)
	if len(files) == 0 || !known {
		return nil
	}
	pins, ok := pip.FilePins(a.p.Tree, dir)(files)
	if !ok {
		return nil
	}
	return pins
}

// installedDirs returns the project directories a command installs from
// their manifest.
func (r *stepRun) installedDirs(c shellcmd.Command) []string {
	if in, ok := r.install(c); ok {
		var dirs []string
		for _, p := range in.Packages {
			if !p.Local || p.Pip == nil || pipreq.IsArchive(p.Pip.Path) || strings.Contains(p.Pip.Path, ":") {
				continue
			}
			if d, ok := r.dir(p.Path); ok {
				dirs = append(dirs, d)
			}
		}
		return dirs
	}
	if tool := envTool(c.Args); tool != "" && tool != "pipenv" {
		if d, ok := r.dir(c.Dir); ok {
			return []string{d} // the project of the directory
		}
	}
	return nil
}

// envTool returns the tool when a command installs a project's
// environment with the project's own tool ("poetry install", "pdm sync",
// "uv sync", "pipenv install"), else "".
func envTool(args []string) string {
	if len(args) < 2 {
		return ""
	}
	switch tool, sub := path.Base(args[0]), args[1]; {
	case (tool == "poetry" || tool == "pdm" || tool == "pipenv") && (sub == "install" || sub == "sync"),
		tool == "uv" && sub == "sync":
		return tool
	}
	return ""
}

// jobProjectDir reports whether a job installs or tests the project (a
// lint job that installs only its tools runs no project code), and the
// directory it does so in.
func (a *analysis) jobProjectDir(wf parsedWorkflow, j *workflow.Job) (string, bool) {
	for _, s := range j.Steps {
		wd := stepDir(s)
		if s.Uses != nil && strings.HasPrefix(strings.ToLower(s.Uses.Value), "conda-incubator/setup-miniconda@") {
			for _, kv := range s.With {
				if kv.Key.Value == "environment-file" {
					return wd, true
				}
			}
		}
		run := a.stepScript(wf.path, wf.data, s)
		for _, c := range run.Commands {
			if dirs := run.installedDirs(c); len(dirs) > 0 {
				return dirs[0], true
			}
			if run.installsRequirements(c) || runsTests(c.Args) {
				if d, ok := run.dir(c.Dir); ok {
					return d, true
				}
				return wd, true
			}
		}
	}
	return "", false
}

// installsRequirements reports whether a command installs a requirements
// file or an environment: pip install -r, uv pip sync, pipenv install,
// conda env create.
func (r *stepRun) installsRequirements(c shellcmd.Command) bool {
	if in, ok := r.install(c); ok {
		for _, f := range in.Files {
			if !toolingReqsRe().MatchString(path.Base(f)) {
				return true
			}
		}
		return false
	}
	if c.Install >= 0 && c.Install < len(r.Installs) && strings.Contains(r.Installs[c.Install].Tool, " env ") {
		return true // conda env create / update
	}
	return envTool(c.Args) == "pipenv"
}
