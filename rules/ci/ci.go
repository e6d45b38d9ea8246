package ci

import (
	"cmp"
	"fmt"
	"path"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/shellcmd"
	"github.com/git-repro/git-repro/parse/workflow"
	"github.com/git-repro/git-repro/rules/internal/share"
	"github.com/git-repro/git-repro/rules/internal/shell"
	"github.com/git-repro/git-repro/rules/pip"
	"github.com/git-repro/git-repro/snapshot"
)

// Family is the ci family: GitHub Actions workflows and the actions kept in
// the repository. The ci: section of .repro.yaml configures it.
var Family = checks.Family{Name: "ci", Rules: rules, Settings: settings}

// Each workflow is parsed once per run (Memo "workflow:<path>") with
// yaml.v3 nodes, so findings land on the exact line and column of the
// value.

const (
	parseID    = "REPRO-CI-001"
	unpinnedID = "REPRO-CI-002"
	floatID    = "REPRO-CI-003"
	pipID      = "REPRO-CI-004"
	latestID   = "REPRO-CI-005"
	ownedTagID = "REPRO-CI-006"
	maxSize    = 4 << 20
)

// settings is the ci: section of .repro.yaml.
var settings = checks.SectionOf[Config]("ci")

// Config is the ci: section of .repro.yaml.
type Config struct {
	// AllowGitHubOwned exempts actions owned by GitHub (actions/*,
	// github/*) from the commit-pin rules (REPRO-CI-002 for a branch,
	// REPRO-CI-006 for a release tag). Off by default: a tag of a
	// GitHub-owned action can move too.
	AllowGitHubOwned bool `yaml:"allow-github-owned"`
	// AllowActions lists action patterns exempt from the commit-pin rule
	// ("myorg/*", "docker/build-push-action"), path.Match syntax on
	// "owner/repo[/path]".
	AllowActions []string `yaml:"allow-actions"`
}

var rules = []*checks.Rule{
	{
		ID:       parseID,
		Category: checks.CatCI,
		Severity: checks.Error,
		Title:    "workflow file does not parse",
		Doc: "A workflow that is not valid YAML (or whose `jobs:` is not a mapping) does not run at " +
			"all; GitHub reports it only when the workflow is triggered.",
		Remediation: "fix the YAML at the reported line; \"actionlint\" explains workflow errors in detail",
		Run:         run,
	},
	{
		ID:       unpinnedID,
		Category: checks.CatCI,
		Severity: checks.Warning,
		Title:    "action not pinned to a commit sha",
		Doc: "`uses: actions/checkout@v4` runs whatever commit the tag `v4` points at when the job " +
			"starts; tags and branches move, so the same workflow can run different code (and a " +
			"compromised tag runs in your CI with your secrets). A full 40-hex commit sha cannot move.\n\n" +
			"Local actions (`./path`) are versioned with the repository, and `docker://image@sha256:...` " +
			"is pinned by digest. An action GitHub itself publishes (`actions/*`, `github/*`) at a " +
			"release tag (`@v4`, `@v4.1.1`) is REPRO-CI-006 (info) instead: GitHub's release process " +
			"moves those tags only to its own releases, so for reproducing a result they are a small " +
			"risk (supply-chain hardening is other tools' business). A branch (`@main`, `@release/v1`) " +
			"is this warning for every owner, GitHub included. `ci.allow-github-owned: true` exempts " +
			"GitHub-owned actions from both rules; `ci.allow-actions` exempts other patterns.",
		Remediation: "pin the action to a full commit sha and keep the tag as a comment: uses: owner/repo@<40-hex sha> # v4",
		Run:         run,
	},
	{
		ID:       floatID,
		Category: checks.CatCI,
		Severity: checks.Error,
		Title:    "version written as a yaml float",
		Doc: "YAML reads an unquoted `3.10` as the number 3.1, so `python-version: 3.10` installs " +
			"Python 3.1 (or fails), and `3.20` becomes 3.2. Every version-like value that ends in a " +
			"zero after the dot loses it: in `with:` inputs whose name contains `version`, and in " +
			"`env:` and `strategy.matrix` entries whose name names a version or a tool (`PYTHON`, " +
			"`torch`, `cuda-version`; not `dropout` or `lr`, where 0.10 and 0.1 are the same). Quote versions.",
		Remediation: "quote the version: python-version: \"3.10\"",
		Run:         run,
	},
	{
		ID:       pipID,
		Category: checks.CatCI,
		Severity: checks.Warning,
		Title:    "pip install of unpinned packages in a run step",
		Doc: "`pip install pkg` in a workflow step installs whatever the index serves on the day, so CI " +
			"tests a different environment from the one the lock or requirements file describes. " +
			"Install from a pinned requirements file (`pip install -r requirements.txt`), pin the " +
			"package (`pkg==1.2.3`), or install the project itself (`pip install .`). A package named " +
			"beside `-r`/`-c` files is fine when one of those files pins it. `uv pip install` and " +
			"OpenMMLab's `mim install` are read as pip is. Upgrading the installer itself (`pip`, " +
			"`setuptools`, `wheel`, `openmim`) is not reported. One finding per command " +
			"names its unpinned packages once each (`black` and `black[jupyter]` are one). The script " +
			"is read as bash reads it, with the parser the README, script and notebook rules use: " +
			"`sudo`, `sh -c \"...\"` and `cd dir &&` are followed, `${{ }}` and `$VAR` are known only " +
			"when the step runs, and an unquoted `>` or `<` in a requirement is a redirect that drops " +
			"its version, which the finding says. A line of a step with a shell that bash cannot parse is skipped.",
		Remediation: "install from a pinned file (pip install -r requirements.txt) or pin each package (pkg==X.Y.Z)",
		Run:         run,
	},
	{
		ID:       latestID,
		Category: checks.CatCI,
		Severity: checks.Info,
		Title:    "runner image is a moving -latest label",
		Doc: "`runs-on: ubuntu-latest` moves to a new OS release (new compilers, system libraries, " +
			"default Python) without a change in the repository. A versioned label (`ubuntu-24.04`) " +
			"changes only when you change it.",
		Remediation: "use a versioned runner label, e.g. runs-on: ubuntu-24.04",
		Run:         run,
	},
	{
		ID:       ownedTagID,
		Category: checks.CatCI,
		Severity: checks.Info,
		Title:    "github-owned action pinned by a release tag, not a commit sha",
		Doc: "`uses: actions/checkout@v4` names a release tag of an action GitHub itself publishes " +
			"(`actions/*`, `github/*`). The tag `v4` moves to each v4.x release, so two runs a month " +
			"apart may run different code, but only GitHub's own reviewed releases of it: for " +
			"reproducing a result that is low risk, and REPRO-CI-002's warning is kept for third-party " +
			"actions and for branches (`@main`), GitHub's included. A full 40-hex commit sha makes the " +
			"run byte-identical; `ci.allow-github-owned: true` silences this rule.",
		Remediation: "pin the commit sha and keep the tag as a comment: uses: actions/checkout@<40-hex sha> # v4",
		Run:         run,
	},
}

// run is the Run function of every ci rule: each workflow is analysed
// once per run and each rule reports its share.
var run = share.PerFile("workflow", func(_ *checks.Pass, f snapshot.FileInfo) bool { return isCIFile(f.Path) }, analyzeWorkflow)

// isCIFile reports whether p is a workflow or an action kept in the
// repository (a composite action's steps pin actions like a workflow's).
func isCIFile(p string) bool { return workflow.IsFile(p) || workflow.IsActionFile(p) }

func kind(p string) string {
	if workflow.IsActionFile(p) {
		return "action metadata"
	}
	return "workflow"
}

func analyzeWorkflow(p *checks.Pass, f snapshot.FileInfo) *share.Findings {
	out := &share.Findings{}
	add := out.Add
	if f.LFS != nil || f.Size > maxSize {
		return out
	}
	data, err := p.Tree.ReadFile(f.Path)
	if err != nil {
		add(parseID, checks.Diag{Pos: checks.Pos{Path: f.Path}, Message: fmt.Sprintf("cannot read %q: %v", f.Path, err)})
		return out
	}
	parse := workflow.Parse
	if workflow.IsActionFile(f.Path) {
		parse = workflow.ParseAction
	}
	w, err := parse(data)
	if err != nil {
		line := 0
		msg := err.Error()
		if we, ok := err.(*workflow.Error); ok {
			line, msg = we.Line, we.Msg
		}
		add(parseID, checks.Diag{Pos: checks.Pos{Path: f.Path, Line: line}, Message: kind(f.Path) + " does not parse: " + msg})
		return out
	}
	cfg := *settings.Get(p.Config)
	pos := func(n *yaml.Node) checks.Pos { return checks.Pos{Path: f.Path, Line: n.Line, Col: n.Column} }

	// Workflow-level env:.
	for _, kv := range workflow.Pairs(workflow.Get(w.Root, "env")) {
		if versionKey(kv.Key.Value) {
			checkFloat(add, pos, "env "+kv.Key.Value, kv.Value)
		}
	}
	for _, j := range w.Jobs {
		if j.Uses != nil {
			checkUses(add, pos, cfg, j.Uses, true)
		}
		for _, kv := range workflow.Pairs(workflow.Get(j.Node, "env")) {
			if versionKey(kv.Key.Value) || pythonLikeFloat(kv.Value) {
				checkFloat(add, pos, "env "+kv.Key.Value, kv.Value)
			}
		}
		for _, kv := range workflow.MatrixValues(j.Matrix) {
			if versionKey(kv.Key.Value) || pythonLikeFloat(kv.Value) {
				checkFloat(add, pos, "matrix "+kv.Key.Value, kv.Value)
			}
		}
		checkRunsOn(add, pos, j)
		for _, s := range j.Steps {
			if s.Uses != nil {
				checkUses(add, pos, cfg, s.Uses, false)
			}
			for _, kv := range s.With {
				if strings.Contains(strings.ToLower(kv.Key.Value), "version") {
					checkFloat(add, pos, kv.Key.Value, kv.Value)
				}
			}
			for _, kv := range workflow.Pairs(workflow.Get(s.Node, "env")) {
				if versionKey(kv.Key.Value) || pythonLikeFloat(kv.Value) {
					checkFloat(add, pos, "env "+kv.Key.Value, kv.Value)
				}
			}
			if s.Run != nil && (s.Shell == "" || s.Shell == "bash" || s.Shell == "sh" || strings.HasPrefix(s.Shell, "bash ")) {
				wd := "."
				if n := workflow.Get(s.Node, "working-directory"); n != nil {
					wd = n.Value
				}
				checkPip(add, f.Path, s.Run, data, p.Tree, wd)
			}
		}
	}
	return out
}

var sha40Re = lazyre.New(`^[0-9a-f]{40}$`)

// releaseTagRe matches a version tag (v4, v4.1, v4.1.1, 4): not a branch
// such as main or release/v1.
var releaseTagRe = lazyre.New(`^v?[0-9]+(?:\.[0-9]+){0,2}$`)
var digestRe = lazyre.New(`@sha256:[0-9a-f]{64}$`)

func checkUses(add func(string, checks.Diag), pos func(*yaml.Node) checks.Pos, cfg Config, n *yaml.Node, job bool) {
	v := strings.TrimSpace(n.Value)
	switch {
	case v == "" || strings.HasPrefix(v, "./") || strings.Contains(v, "${{"):
		return
	case strings.HasPrefix(v, "docker://"):
		if !digestRe().MatchString(v) {
			add(unpinnedID, checks.Diag{Pos: pos(n),
				Message: fmt.Sprintf("docker action %q is not pinned to a digest", v),
				Hint:    fmt.Sprintf("pin the image by digest: uses: %s@sha256:<digest> (docker buildx imagetools inspect shows it)", strings.SplitN(v, "@", 2)[0])})
		}
		return
	}
	name, ref, _ := strings.Cut(v, "@")
	if sha40Re().MatchString(ref) {
		return
	}
	owner := strings.ToLower(strings.SplitN(name, "/", 2)[0])
	githubOwned := owner == "actions" || owner == "github"
	if cfg.AllowGitHubOwned && githubOwned {
		return
	}
	for _, pat := range cfg.AllowActions {
		if ok, _ := path.Match(pat, name); ok {
			return
		}
	}
	what := "action"
	if job {
		what = "reusable workflow"
	}
	msg := fmt.Sprintf("%s %q is not pinned to a commit sha", what, v)
	if ref == "" {
		msg = fmt.Sprintf("%s %q names no version; pin it to a commit sha", what, v)
	}
	repo := strings.Join(strings.SplitN(name, "/", 3)[:min(2, len(strings.SplitN(name, "/", 3)))], "/")
	hint := fmt.Sprintf("pin the full commit: uses: %s@<40-hex sha> # %s (find it with \"git ls-remote https://github.com/%s %s\"; for an annotated tag take the sha of the line ending in ^{}, the commit)", name, cmp.Or(ref, "HEAD"), repo, cmp.Or(ref, "HEAD"))
	if githubOwned && releaseTagRe().MatchString(ref) {
		add(ownedTagID, checks.Diag{Pos: pos(n), Hint: hint,
			Message: fmt.Sprintf("%s %q is GitHub-owned and pinned by the release tag %q, not a commit: a tag can be moved to another release; pin the commit sha for byte-identical runs", what, v, ref)})
		return
	}
	add(unpinnedID, checks.Diag{Pos: pos(n), Message: msg, Hint: hint})
}

// versionTokens are words of env and matrix names that hold tool or
// library versions; other names (dropout, lr, TEMPERATURE) hold numbers,
// for which 0.10 and 0.1 are the same value.
var versionTokens = map[string]bool{
	"version": true, "versions": true, "ver": true, "v": true, "python": true, "py": true, "pypy": true,
	"node": true, "nodejs": true, "go": true, "golang": true, "java": true, "jdk": true, "ruby": true,
	"rust": true, "dotnet": true, "php": true, "r": true, "julia": true, "cuda": true, "cudnn": true,
	"torch": true, "pytorch": true, "tensorflow": true, "tf": true, "jax": true, "jaxlib": true,
	"numpy": true, "scipy": true, "pandas": true, "sklearn": true, "transformers": true,
	"gcc": true, "llvm": true, "clang": true, "cmake": true, "terraform": true, "kubernetes": true,
	"k8s": true, "ubuntu": true, "debian": true, "alpine": true, "sdk": true, "toolchain": true,
	"runtime": true, "release": true, "tag": true, "image": true, "conda": true, "mamba": true,
}

// versionKey reports whether an env or matrix name holds a version: one
// of its words (split at "-", "_", ".") is a tool or "version".
func versionKey(name string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(name), func(r rune) bool { return r == '-' || r == '_' || r == '.' || r == ' ' }) {
		if versionTokens[w] || strings.HasSuffix(w, "version") {
			return true
		}
	}
	return false
}

// pythonLikeFloat reports whether a value reads like a Python 3.x
// version that YAML truncates (3.10, 3.20), whatever its name ("pyv").
func pythonLikeFloat(n *yaml.Node) bool {
	for _, s := range workflow.Scalars(n) {
		if pyFloatRe().MatchString(s.Value) && s.Style == 0 {
			return true
		}
	}
	return false
}

var pyFloatRe = lazyre.New(`^3\.[1-9]0$`)

func checkFloat(add func(string, checks.Diag), pos func(*yaml.Node) checks.Pos, what string, n *yaml.Node) {
	for _, s := range workflow.Scalars(n) {
		got, ok := workflow.LosesTrailingZero(s)
		if !ok {
			continue
		}
		add(floatID, checks.Diag{Pos: pos(s),
			Message: fmt.Sprintf("%s: unquoted %s is a yaml float and reads as %s; quote it", what, s.Value, got),
			Hint:    fmt.Sprintf("write \"%s\" (quoted) so the runner receives the version as written", s.Value)})
	}
}

func checkRunsOn(add func(string, checks.Diag), pos func(*yaml.Node) checks.Pos, j *workflow.Job) {
	check := func(n *yaml.Node) {
		if strings.HasSuffix(n.Value, "-latest") {
			add(latestID, checks.Diag{Pos: pos(n),
				Message: fmt.Sprintf("job %q runs on %q, a label that moves to new OS releases", j.ID, n.Value),
				Hint:    fmt.Sprintf("use a versioned label instead of %q, e.g. %q", n.Value, strings.TrimSuffix(n.Value, "-latest")+"-24.04")})
		}
	}
	if j.RunsOn == nil {
		return
	}
	if j.RunsOn.Kind == yaml.MappingNode { // {group:, labels:}
		for _, s := range workflow.Scalars(workflow.Get(j.RunsOn, "labels")) {
			check(s)
		}
		return
	}
	for _, s := range workflow.Scalars(j.RunsOn) {
		// runs-on: ${{ matrix.os }}: check the matrix values it names.
		if m := matrixRefRe().FindStringSubmatch(s.Value); m != nil {
			for _, kv := range workflow.MatrixValues(j.Matrix) {
				if kv.Key.Value == m[1] {
					check(kv.Value)
				}
			}
			continue
		}
		check(s)
	}
}

var matrixRefRe = lazyre.New(`^\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}$`)

// checkPip reports the pip installs of a run: script that leave packages
// unpinned, read with parse/shellcmd as the README, script and notebook
// rules read theirs, and worded as they word it. wd is the step's
// working-directory; a package named beside -r/-c files is pinned when one
// of those files (read relative to where the command runs) pins it.
func checkPip(add func(string, checks.Diag), file string, run *yaml.Node, data []byte, tree snapshot.Tree, wd string) {
	if run == nil || run.Kind != yaml.ScalarNode {
		return
	}
	lineOff, colOf := workflow.PositionMap(run, data)
	for _, in := range shellcmd.GitHubRun(run.Value).Installs {
		if in.Conda() {
			continue // conda and mamba: not pip
		}
		var pinned func(string) bool
		if files := append(append([]string(nil), in.Files...), in.Constraints...); len(files) > 0 {
			pins, ok := pip.FilePins(tree, path.Join(wd, in.Dir))(files)
			if !ok || strings.Contains(in.Dir, shellcmd.Unknown) {
				continue
			}
			pinned = func(name string) bool { return pins[name] }
		}
		prob, ok := shell.Unpinned(in, pinned)
		if !ok {
			continue
		}
		add(pipID, checks.Diag{Pos: checks.Pos{Path: file, Line: in.Line + lineOff, Col: colOf(in.Line, in.Col)},
			Message: prob.What + "; " + prob.Fix})
	}
}
