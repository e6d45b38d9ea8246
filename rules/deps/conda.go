package deps

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/conda"
	"github.com/git-repro/git-repro/parse/lockfile"
	"github.com/git-repro/git-repro/parse/pipreq"
	"github.com/git-repro/git-repro/rules/pip"
)

// isCondaEnvFile matches the conda environment files that are one by
// name alone: environment*.yml/.yaml and conda.yml/.yaml (MLflow
// projects).
func isCondaEnvFile(p string) bool {
	return checks.BaseMatch(p, "environment*.yml", "environment*.yaml", "conda.yml", "conda.yaml")
}

// isCondaEnvName matches every name real projects give a conda
// environment (conda_environment.yaml, conda-env.yml, env.yml,
// train_environment.yaml, ...). Beyond isCondaEnvFile's names, such a file
// is an environment only when its content says so (isCondaEnv): env.yaml
// may as well be a Hydra or gym config. Lock files are not environments.
func isCondaEnvName(p string) bool {
	if isCondaEnvFile(p) {
		return true
	}
	if isCondaLockFile(p) || checks.BaseMatch(p, "conda-lock*") || strings.Contains(p, ".github/workflows/") {
		return false
	}
	return checks.BaseMatch(p, "env*.yml", "env*.yaml", "conda*.yml", "conda*.yaml", "*environment.yml", "*environment.yaml")
}

// condaEnvNames are looked up by name beside a manifest when the run has
// not listed the repository: the fixed names and the other names that
// projects commonly use.
var condaEnvNames = []string{"environment.yml", "environment.yaml", "conda.yml", "conda.yaml",
	"conda_environment.yml", "conda_environment.yaml", "conda-environment.yml", "conda-environment.yaml",
	"conda_env.yml", "conda_env.yaml", "conda-env.yml", "conda-env.yaml", "env.yml", "env.yaml"}

// isCondaEnv reports whether p is a conda environment file: one of the
// fixed names; a name isCondaEnvName accepts whose content reads as an
// environment (conda.Env.LooksLikeEnv); or a YAML file that a Snakemake
// conda: directive or a "conda env create -f" names (condarefs.go) whose
// content is shaped as one (conda.Env.EnvShaped).
func (a *analysis) isCondaEnv(p string) bool {
	if isCondaEnvFile(p) {
		return true
	}
	if !maybeCondaEnv(p) {
		return false
	}
	if _, err := a.read(p); err != nil {
		return false
	}
	env, ok := a.parseConda(p).(*conda.Env)
	if !ok {
		return false
	}
	if isCondaEnvName(p) && env.LooksLikeEnv() {
		return true
	}
	if !env.EnvShaped() {
		return false
	}
	if _, ok := a.condaRefs(false)[p]; ok {
		return true
	}
	_, ok = a.condaRefs(true)[p]
	return ok
}

// condaEnvsIn returns the conda environment files of dir. A full run
// looks at every file of dir; a hook run, which does not list the
// repository, at the names in condaEnvNames and the files that the
// workflows and commands it reads name (condaRefs), and the staged files
// confirmed as environments.
func (a *analysis) condaEnvsIn(dir string) []string {
	return a.p.Memo("deps:conda-envs:"+dir, func() any {
		var out []string
		if a.p.Full {
			for _, f := range a.allFiles() {
				if path.Dir(f) == dir && maybeCondaEnv(f) && a.isCondaEnv(f) {
					out = append(out, f)
				}
			}
			return out
		}
		seen := map[string]bool{}
		for _, n := range condaEnvNames {
			if f := joinDir(dir, n); a.exists(f) && a.isCondaEnv(f) {
				out = append(out, f)
				seen[f] = true
			}
		}
		// Environments found by reference, and a staged file confirmed as
		// one (its reference may be in a README, which is read only then).
		var refd []string
		for f := range a.condaRefs(false) {
			if path.Dir(f) == dir && !seen[f] && a.isCondaEnv(f) {
				refd = append(refd, f)
				seen[f] = true
			}
		}
		for _, t := range a.p.Targets {
			if f := t.Path; path.Dir(f) == dir && !seen[f] && maybeCondaEnv(f) && a.isCondaEnv(f) {
				refd = append(refd, f)
				seen[f] = true
			}
		}
		sort.Strings(refd)
		return append(out, refd...)
	}).([]string)
}

// condaLockNames are the lock files recognised beside an environment
// file: conda-lock's unified lock (it covers the pip: section too) and
// explicit specs (conda list --explicit; conda-lock --kind explicit),
// which do not cover pip packages.
var (
	condaUnifiedLocks = []string{"conda-lock.yml", "conda-lock.yaml"}
	condaExplicitSpec = []string{"conda-linux-64.lock", "conda-linux-aarch64.lock", "conda-linux-ppc64le.lock",
		"conda-osx-64.lock", "conda-osx-arm64.lock", "conda-win-64.lock", "spec-file.txt", "explicit.txt",
		"conda.lock", "environment.lock"}
)

func isCondaLockFile(p string) bool {
	base := path.Base(p)
	for _, n := range append(append([]string(nil), condaUnifiedLocks...), condaExplicitSpec...) {
		if base == n {
			return true
		}
	}
	return false
}

// condaLock says which lock covers the environment files of dir: "" none,
// else the lock's path; pip reports whether it covers the pip: section.
func (a *analysis) condaLock(dir string) (lock string, pip bool) {
	for _, n := range condaUnifiedLocks {
		p := joinDir(dir, n)
		if data, err := a.read(p); err == nil {
			if _, err := lockfile.ParseCondaLock(data); err != nil {
				a.parseError(p, yamlErrLine(err), err.Error())
				continue
			}
			return p, true
		}
	}
	for _, n := range condaExplicitSpec {
		p := joinDir(dir, n)
		if data, err := a.read(p); err == nil && lockfile.IsExplicitSpec(data) {
			return p, false
		}
	}
	return "", false
}

func (a *analysis) conda() {
	var envs []string
	for _, f := range a.p.Targets {
		if a.isCondaEnv(f.Path) {
			envs = append(envs, f.Path)
		}
	}
	// A changed lock re-checks the environment files beside it.
	for _, dir := range dirsOf(a.p, isCondaLockFile) {
		for _, p := range a.condaEnvsIn(dir) {
			if !a.p.IsTarget(p) {
				envs = append(envs, p)
			}
		}
	}
	for _, e := range envs {
		a.condaEnv(e)
	}
}

// parseConda parses an environment file once per run: the *conda.Env,
// or the error of reading or parsing it.
func (a *analysis) parseConda(file string) any {
	return a.parsed("conda", file, func(b []byte) (any, error) { return conda.Parse(b) })
}

// condaFile is the parsed environment file, nil when it cannot be read or
// does not parse (condaEnv reports that).
func (a *analysis) condaFile(file string) *conda.Env {
	env, _ := a.parseConda(file).(*conda.Env)
	return env
}

func (a *analysis) condaEnv(file string) {
	if _, err := a.read(file); err != nil {
		return
	}
	env, ok := a.parseConda(file).(*conda.Env)
	if !ok {
		if ce, ok := a.parseConda(file).(*conda.Error); ok {
			a.parseError(file, ce.Line, ce.Msg)
		} else {
			a.parseError(file, 0, fmt.Sprint(a.parseConda(file)))
		}
		return
	}
	if env.DepsLine == 0 {
		return // not an environment file (no dependencies:)
	}
	a.condaChannels(file, env)
	lock, lockCoversPip := a.condaLock(path.Dir(file))
	if lock == "" {
		for _, d := range env.Deps {
			a.condaDep(file, d)
		}
	}
	if !lockCoversPip {
		a.condaPip(file, env)
	}
}

func (a *analysis) condaDep(file string, d conda.Item) {
	pos := checks.Pos{Path: file, Line: d.Line, Col: d.Col}
	m, ok := conda.ParseMatchSpec(d.Value)
	if !ok {
		a.Add(parseID, checks.Diag{Pos: pos, Message: fmt.Sprintf("%q is not a conda match spec", d.Value)})
		return
	}
	lname := strings.ToLower(m.Name)
	if lname == "python" || lname == "pip" || a.allowed(m.Name) {
		return // python: a version declaration (deps_python.go); pip: the installer
	}
	example := m.Name + "==X.Y.Z"
	switch m.Pin {
	case conda.Unpinned:
		a.Add(condaID, checks.Diag{Pos: pos,
			Message: fmt.Sprintf("conda dependency %q is not pinned; pin one version with %q", d.Value, example)})
	case conda.Range:
		a.Add(condaID, checks.Diag{Pos: pos,
			Message: fmt.Sprintf("conda dependency %q is a range (%q), not a pin; pin one version with %q", d.Value, m.Version, example)})
	case conda.Fuzzy:
		v := strings.TrimSuffix(strings.TrimSuffix(strings.TrimLeft(m.Version, "="), "*"), ".")
		a.Add(condaFuzzyID, checks.Diag{Pos: pos,
			Message: fmt.Sprintf("conda dependency %q is a fuzzy pin that matches any %s.* release; pin the full version, e.g. %q", d.Value, v, m.Name+"=="+v+".<patch>"),
			Hint:    fmt.Sprintf("pin the version conda installed: \"conda list %s\" shows it; write %q (or %q)", m.Name, m.Name+"=="+v+".<patch>", m.Name+"="+v+".<patch>=<build>")})
	}
}

func (a *analysis) condaChannels(file string, env *conda.Env) {
	if len(env.Channels) == 0 {
		line := env.ChannelsLine
		a.Add(channelsID, checks.Diag{Pos: checks.Pos{Path: file, Line: line},
			Message: "environment file lists no channels, so packages come from whatever channels each user's .condarc names; list them explicitly",
			Hint:    "add channels:, e.g. channels: [conda-forge, nodefaults]"})
		return
	}
	var def, forge *conda.Item
	nodefaults := false
	for i, c := range env.Channels {
		switch strings.TrimSuffix(c.Value, "/") {
		case "defaults":
			def = &env.Channels[i]
		case "conda-forge":
			forge = &env.Channels[i]
		case "nodefaults":
			nodefaults = true
		}
	}
	if def != nil && forge != nil && !nodefaults {
		a.Add(channelsID, checks.Diag{Pos: checks.Pos{Path: file, Line: def.Line, Col: def.Col},
			Message: "channels mix \"defaults\" with \"conda-forge\"; the solver combines builds made with different toolchains, and the result depends on channel priority",
			Hint:    "use conda-forge alone: channels: [conda-forge, nodefaults] (and conda config --set channel_priority strict)"})
	}
}

// condaPip checks the pip: section with the pip family's requirement
// grammar and pin verdicts (parse/pipreq, pipUnpinned).
func (a *analysis) condaPip(file string, env *conda.Env) {
	loader := &pipreq.Loader{Read: func(name string) ([]byte, error) { return a.read(name) }}
	pins := map[string]bool{}
	type reqAt struct {
		pos checks.Pos
		req *pipreq.Requirement
	}
	var reqs []reqAt
	var included []*pipreq.Set
	for _, it := range env.Pip {
		pf := pipreq.ParseFile(file, []byte(it.Value), nil)
		for _, e := range pf.Errors {
			a.Add(parseID, checks.Diag{Pos: checks.Pos{Path: file, Line: it.Line, Col: it.Col + max(e.Col, 1) - 1},
				Message: fmt.Sprintf("pip requirement %q does not parse: %s", it.Value, e.Msg)})
		}
		for _, l := range pf.Lines {
			if l.Req != nil {
				reqs = append(reqs, reqAt{checks.Pos{Path: file, Line: it.Line, Col: it.Col + l.Col - 1}, l.Req})
			}
		}
		for _, inc := range pf.Includes {
			pos := checks.Pos{Path: file, Line: it.Line, Col: it.Col}
			target, problem := pipreq.Resolve(file, inc.Target)
			if problem != pipreq.EdgeOK {
				if problem == pipreq.EdgeOutside {
					a.Add(condaPipID, checks.Diag{Pos: pos, Message: fmt.Sprintf("pip include %q points outside the repository, so its pins cannot be checked", inc.Target)})
				}
				continue
			}
			s, err := loader.Load(target, inc.Constraint)
			if err != nil {
				shown := fmt.Sprintf("%q", inc.Target)
				if target != inc.Target {
					shown += fmt.Sprintf(" (%q)", target)
				}
				a.Add(condaPipID, checks.Diag{Pos: pos,
					Message: fmt.Sprintf("pip include %s does not exist, so \"conda env create\" fails", shown),
					Hint:    "fix the path: pip resolves it relative to the environment file"})
				continue
			}
			for k := range s.ConstraintPins() {
				pins[k] = true
			}
			if !inc.Constraint {
				included = append(included, s)
			}
		}
	}
	for _, r := range reqs {
		if r.req.Name != "" && a.allowed(r.req.Name) {
			continue
		}
		if d, ok := pip.Unpinned(r.pos, file, false, r.req, pins); ok {
			a.Add(condaPipID, d)
		}
	}
	// Included requirements files: those the pip family checks by name are
	// left to it; others (reqs/base.pip, deps.txt) are checked here.
	for _, s := range included {
		for _, f := range s.Files {
			if !s.Requirement[f.Path] || pip.IsRequirementsFile(f.Path) {
				continue
			}
			for _, l := range f.Lines {
				if l.Req == nil || (l.Req.Name != "" && a.allowed(l.Req.Name)) {
					continue
				}
				if d, ok := pip.Unpinned(checks.Pos{Path: f.Path, Line: l.Line, Col: l.Col}, f.Path, false, l.Req, pins); ok {
					a.Add(condaPipID, d)
				}
			}
		}
	}
}

// yamlErrLine extracts "line N" from a yaml.v3 error, or 0.
func yamlErrLine(err error) int {
	var n int
	if i := strings.Index(err.Error(), "line "); i >= 0 {
		fmt.Sscanf(err.Error()[i+5:], "%d", &n)
	}
	return n
}
