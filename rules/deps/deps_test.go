package deps

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/rulestest"
	"github.com/git-repro/git-repro/internal/testenv"
	"github.com/git-repro/git-repro/rules/ci"
	"github.com/git-repro/git-repro/snapshot"
)

// depsRunFamily runs rules over a MapTree with the given targets (nil: all
// files, Full) and returns "path:line rule" lines.
func depsRunFamily(t *testing.T, rules []*checks.Rule, files map[string]string, targets []string) []string {
	t.Helper()
	tree := &snapshot.MapTree{Content: files}
	var ts []snapshot.FileInfo
	full := targets == nil
	if full {
		ts, _ = tree.Files()
	} else {
		for _, p := range targets {
			fi, err := tree.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			ts = append(ts, fi)
		}
	}
	res := checks.Run(checks.Options{Tree: tree, Targets: ts, Full: full, Rules: rules})
	for _, e := range res.Errors {
		t.Error(e)
	}
	var out []string
	for _, f := range res.Findings {
		out = append(out, fmt.Sprintf("%s:%d %s", f.Path, f.Line, f.Rule))
	}
	return out
}

func depsReadCase(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestDepsStagedSubsets: a hook sees only the staged files; the rules must
// still find drift and pins when just one side of a manifest/lock pair
// changed, and say nothing about files that are not involved.
func TestDepsStagedSubsets(t *testing.T) {
	poetry := depsReadCase(t, "testdata/bad/poetry-stale")
	for _, staged := range [][]string{{"pyproject.toml"}, {"poetry.lock"}} {
		got := depsRunFamily(t, rules, poetry, staged)
		if strings.Join(got, ",") != "poetry.lock:33 REPRO-DEP-120" {
			t.Errorf("staged %v: %v", staged, got)
		}
	}
	conda := depsReadCase(t, "testdata/bad/conda-must-show")
	if got := depsRunFamily(t, rules, conda, []string{"environment.yml"}); len(got) != 2 {
		t.Errorf("environment.yml staged: %v", got)
	}
	conda["README.md"] = "hi"
	if got := depsRunFamily(t, rules, conda, []string{"README.md"}); len(got) != 0 {
		t.Errorf("unrelated file staged: %v", got)
	}
	// Staging a lock re-checks the environment beside it: with the lock
	// gone bad (no @EXPLICIT), the pins are checked again.
	conda["conda-linux-64.lock"] = "# not explicit\n"
	if got := depsRunFamily(t, rules, conda, []string{"conda-linux-64.lock"}); len(got) != 2 {
		t.Errorf("lock staged: %v", got)
	}
	// A conda environment under another name (conda_environment.yaml) is
	// read when staged, declares the Python of a requirements file staged
	// beside it, and counts as a manifest; an env.yaml that is a run
	// configuration does not.
	other := map[string]string{
		"conda_environment.yaml": "name: robot\nchannels: [conda-forge]\ndependencies:\n  - python=3.10\n  - numpy=1.26\n",
		"requirements.txt":       "torch==2.2.1\n",
		"train.py":               "import numpy\n",
	}
	for _, c := range []struct {
		staged []string
		want   string
	}{
		{[]string{"conda_environment.yaml"}, "conda_environment.yaml:5 REPRO-DEP-102"},
		{[]string{"requirements.txt"}, ""},
		{[]string{"train.py"}, ""},
	} {
		if got := strings.Join(depsRunFamily(t, rules, other, c.staged), ","); got != c.want {
			t.Errorf("conda_environment.yaml, staged %v: %s, want %s", c.staged, got, c.want)
		}
	}
	cfg := map[string]string{"env.yaml": "defaults: [model]\ndependencies:\n  - tokenizer\n", "train.py": "import numpy\n"}
	if got := strings.Join(depsRunFamily(t, rules, cfg, nil), ","); got != "requirements.txt:0 REPRO-DEP-140" {
		t.Errorf("env.yaml config: %s", got)
	}
	// An environment found by what names it (a Snakemake conda:
	// directive, "conda env create -f" in the README): read when staged
	// alone; a run configuration that nobody names is not; a staged script
	// does not call the repository manifest-less.
	byRef := depsReadCase(t, "testdata/bad/conda-env-by-reference")
	for _, c := range []struct {
		staged []string
		want   string
	}{
		{[]string{"workflow/envs/ml.yaml"}, "workflow/envs/ml.yaml:0 REPRO-DEP-104,workflow/envs/ml.yaml:4 REPRO-DEP-101"},
		{[]string{"setup/gpu.yml"}, "setup/gpu.yml:0 REPRO-DEP-104,setup/gpu.yml:4 REPRO-DEP-101"},
		{[]string{"configs/model.yaml"}, ""},
		{[]string{"scripts/train.py"}, ""},
	} {
		if got := strings.Join(depsRunFamily(t, rules, byRef, c.staged), ","); got != c.want {
			t.Errorf("conda-env-by-reference, staged %v: %s, want %s", c.staged, got, c.want)
		}
	}
	// A .python-version staged alone re-checks agreement.
	py := depsReadCase(t, "testdata/bad/python-disagree")
	got := depsRunFamily(t, rules, py, []string{".python-version"})
	if len(got) == 0 || !strings.Contains(strings.Join(got, ","), "REPRO-DEP-131") {
		t.Errorf(".python-version staged: %v", got)
	}
	// No manifest: a staged Python file looks at the repository; a staged
	// README does not.
	bare := map[string]string{"train.py": "import torch\n", "README.md": "# x\n"}
	if got := strings.Join(depsRunFamily(t, rules, bare, []string{"train.py"}), ","); got != "requirements.txt:0 REPRO-DEP-140" {
		t.Errorf("train.py staged: %s", got)
	}
	if got := depsRunFamily(t, rules, bare, []string{"README.md"}); len(got) != 0 {
		t.Errorf("README.md staged: %v", got)
	}
	// Manifests that disagree: staging either side compares them.
	pins := depsReadCase(t, "testdata/bad/pins-disagree")
	for _, staged := range []string{"pyproject.toml", "requirements.txt", "environment.yml"} {
		got := strings.Join(depsRunFamily(t, []*checks.Rule{checks.FindRule(rules, "REPRO-DEP-121")}, pins, []string{staged}), ",")
		if !strings.Contains(got, "requirements.txt:4 REPRO-DEP-121") {
			t.Errorf("%s staged: %s", staged, got)
		}
	}
	// The Python of CI and of a Dockerfile: checked when the workflow or
	// the Dockerfile is staged, and when a declaration is; not when an
	// unrelated file is.
	ci := depsReadCase(t, "testdata/bad/ci-python-never-declared")
	ci["Dockerfile"] = "FROM python:3.10-slim\n"
	ci["README.md"] = "hi"
	for _, c := range []struct {
		staged []string
		want   string
	}{
		{[]string{".github/workflows/test.yml"}, ".github/workflows/test.yml:8 REPRO-DEP-131"},
		{[]string{"Dockerfile"}, "Dockerfile:1 REPRO-DEP-131"},
		{[]string{".python-version"}, ".github/workflows/test.yml:8 REPRO-DEP-131,Dockerfile:1 REPRO-DEP-131"},
		{[]string{"README.md"}, ""},
	} {
		if got := strings.Join(depsRunFamily(t, rules, ci, c.staged), ","); got != c.want {
			t.Errorf("staged %v: %s, want %s", c.staged, got, c.want)
		}
	}
}

// listingTree counts the calls of Files(): the hook's hot path must not
// list the repository.
func TestPythonSpecSets(t *testing.T) {
	for _, c := range []struct {
		spec   string
		poetry bool
		series string
		want   bool
	}{
		{">=3.8,<3.11", false, "3.11", false},
		{">=3.8,<3.11", false, "3.10", true},
		{">=3.11.4", false, "3.11", true},
		{">=3.11.4", false, "3.11.2", false},
		{"~=3.10", false, "3.12", true},
		{"~=3.10.2", false, "3.11", false},
		{"==3.10.*", false, "3.10.13", true},
		{"!=3.10.*,>=3.9", false, "3.10", false},
		{"^3.10", true, "3.12", true},
		{"^3.10", true, "4.0", false},
		{"~3.10", true, "3.11", false},
		{">=3.8 <3.10", true, "3.9", true},
		{">= 3.8, < 3.10", true, "3.10", false},
		{"3.9.* || 3.11.*", true, "3.10", false},
		{"3.9.* || 3.11.*", true, "3.11.4", true},
		{"3.10", true, "3.10.2", true},
	} {
		set, ok := parseSpecSet(c.spec, c.poetry)
		if !ok {
			t.Errorf("%q does not parse", c.spec)
			continue
		}
		if got := set.admitsSeries(parseRelease(c.series)); got != c.want {
			t.Errorf("%q admits %s = %v, want %v", c.spec, c.series, got, c.want)
		}
	}
	for _, bad := range []string{"*", "", ">=x", "==3.*.1"} {
		if _, ok := parseSpecSet(bad, true); ok {
			t.Errorf("%q parsed", bad)
		}
	}
	for in, want := range map[string]string{"3.11": "[3 11]", "python-3.10.13": "[3 10 13]", "3.12.1rc1": "[3 12 1]", "pypy3.10-7.3": "[]", "system": "[]"} {
		if got := fmt.Sprint(parsePoint(in)); got != want {
			t.Errorf("parsePoint(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestDepsRulesMetadata checks that every deps and ci rule has its
// documentation and that ids are unique.
func TestDepsRulesMetadata(t *testing.T) {
	seen := map[string]bool{}
	for _, fam := range [][]*checks.Rule{rules, ci.Family.Rules} {
		var ids []string
		for _, r := range fam {
			ids = append(ids, r.ID)
		}
		if !sort.StringsAreSorted(ids) {
			t.Errorf("ids out of order: %v", ids)
		}
	}
	for _, r := range withCI() {
		if r.Title == "" || r.Doc == "" || r.Remediation == "" || r.Run == nil || r.Severity == 0 {
			t.Errorf("%s: incomplete rule", r.ID)
		}
		if seen[r.ID] {
			t.Errorf("duplicate id %s", r.ID)
		}
		seen[r.ID] = true
	}
}

// FuzzDepsRules runs the whole deps and ci families on arbitrary manifest
// content: no panics, whatever the input.
func FuzzDepsRules(f *testing.F) {
	f.Add("dependencies:\n  - numpy\n  - pip: [a]\n", "[project]\nname='x'\ndependencies=['a']\n", "x", "on: push\njobs:\n  a:\n    steps:\n      - run: pip install a\n")
	f.Fuzz(func(t *testing.T, env, pyproj, lock, wf string) {
		tree := &snapshot.MapTree{Content: map[string]string{
			"environment.yml": env, "pyproject.toml": pyproj, "poetry.lock": lock, "uv.lock": lock,
			"Pipfile": pyproj, "Pipfile.lock": lock, ".python-version": lock, ".github/workflows/ci.yml": wf,
			"setup.py": pyproj, "setup.cfg": env, "Dockerfile": lock, "sub/setup.py": wf, "requirements.txt": lock,
		}}
		ts, _ := tree.Files()
		res := checks.Run(checks.Options{Tree: tree, Targets: ts, Full: true, Rules: withCI()})
		for _, e := range res.Errors {
			t.Fatal(e)
		}
	})
}

// TestDocsDepsExamples runs the examples of docs/deps.md: each group of
// "<!-- example: PATH -->" blocks is a mini repository whose findings
// must equal the following "<!-- findings -->" block. It also checks that
// the rule table lists every deps and ci rule with its severity and title.
func TestDocsDepsExamples(t *testing.T) {
	rs := withCI()
	doc, n := rulestest.CheckDocExamples(t, "../../docs/deps.md", func(ex rulestest.DocExample) string {
		if slices.Contains(ex.Families, "commands") {
			return ex.Want // the commands family's example: its own test runs it
		}
		return rulestest.RunDocExample(t, ex, rs)
	})
	if n < 4 {
		t.Errorf("found %d examples", n)
	}
	for _, r := range rs {
		row := fmt.Sprintf("| `%s` | %s | %s |", r.ID, r.Severity, r.Title)
		if !strings.Contains(doc, row) {
			t.Errorf("docs/deps.md lacks the row %s", row)
		}
	}
}

// withCI is the deps family's rules and the ci family's, which docs/deps.md
// documents together.
func withCI() []*checks.Rule {
	return append(append([]*checks.Rule(nil), rules...), ci.Family.Rules...)
}

// TestDepsRealToolsEndToEnd makes lock files with the real Poetry and
// pipenv (offline: the manifests depend on nothing but Python), checks
// that the deps rules accept them, then edits one dependency in the
// manifest and expects REPRO-DEP-120 on the lock.
func TestDepsRealToolsEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("runs poetry and pipenv")
	}
	for _, tool := range []struct {
		bin, manifest, lock, body, edit string
		args                            []string
	}{
		{"poetry", "pyproject.toml", "poetry.lock",
			"[tool.poetry]\nname = \"e2e\"\nversion = \"0.1.0\"\ndescription = \"\"\nauthors = [\"A <a@example.invalid>\"]\n\n[tool.poetry.dependencies]\npython = \"^3.11\"\n",
			"numpy = \"^1.26\"\n", []string{"lock", "--no-update", "-n"}},
		{"pipenv", "Pipfile", "Pipfile.lock",
			"[[source]]\nurl = \"https://packages.example.invalid/simple\"\nverify_ssl = true\nname = \"internal\"\n\n[requires]\npython_version = \"3.11\"\n\n[packages]\n",
			"numpy = \"==1.26.4\"\n", []string{"lock"}},
	} {
		t.Run(tool.bin, func(t *testing.T) {
			bin := testenv.Tool(t, tool.bin)
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, tool.manifest), []byte(tool.body), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(bin, tool.args...)
			cmd.Dir = dir
			cmd.Env = append(os.Environ(), "HOME="+dir, "POETRY_VIRTUALENVS_CREATE=false", "POETRY_CACHE_DIR="+filepath.Join(dir, ".cache"),
				"PIPENV_VENV_IN_PROJECT=1", "PIPENV_NOSPIN=1", "PIPENV_YES=1", "PIPENV_CACHE_DIR="+filepath.Join(dir, ".cache"))
			if out, err := cmd.CombinedOutput(); err != nil {
				testenv.Missing(t, "%s %v cannot run here: %v\n%s", tool.bin, tool.args, err, out)
			}
			lock, err := os.ReadFile(filepath.Join(dir, tool.lock))
			if err != nil {
				t.Fatal(err)
			}
			files := map[string]string{tool.manifest: tool.body, tool.lock: string(lock)}
			if got := depsRunFamily(t, rules, files, nil); len(got) != 0 {
				t.Fatalf("fresh %s lock: %v", tool.bin, got)
			}
			files[tool.manifest] = tool.body + tool.edit
			got := depsRunFamily(t, rules, files, []string{tool.manifest})
			if len(got) != 1 || !strings.HasPrefix(got[0], tool.lock+":") || !strings.HasSuffix(got[0], staleLockID) {
				t.Fatalf("after editing %s: %v", tool.manifest, got)
			}
		})
	}
}

func TestGolden(t *testing.T) { rulestest.Golden(t, Family) }

func TestSplitPoetryClauses(t *testing.T) {
	for in, want := range map[string]string{
		">=3.8 <4.0":     "[>=3.8 <4.0]",
		">= 3.8  < 4":    "[>=3.8 <4]",
		"> = 3.8":        "[>=3.8]",
		"^3.10":          "[^3.10]",
		" 3.9.* ":        "[3.9.*]",
		"":               "[]",
		">=":             "[>=]",
		"~ 3.10 != 3.11": "[~3.10 !=3.11]",
	} {
		if got := fmt.Sprint(splitPoetryClauses(in)); got != want {
			t.Errorf("splitPoetryClauses(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestUVWorkspaceExclude: a project the workspace excludes is not a
// member: it answers for its own lock; the members defer to the root.
func TestUVWorkspaceExclude(t *testing.T) {
	proj := func(name string) string {
		return "[project]\nname = \"" + name + "\"\nversion = \"0.1.0\"\nrequires-python = \">=3.11\"\ndependencies = [\"numpy>=1.26\"]\n" +
			"[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n"
	}
	files := map[string]string{
		"pyproject.toml":                 "[project]\nname = \"ws\"\nversion = \"0.1.0\"\nrequires-python = \">=3.11\"\ndependencies = []\n[tool.uv.workspace]\nmembers = [\"packages/*\"]\nexclude = [\"packages/legacy\"]\n",
		"packages/core/pyproject.toml":   proj("core"),
		"packages/legacy/pyproject.toml": proj("legacy"),
		".python-version":                "3.11\n",
	}
	got := strings.Join(depsRunFamily(t, rules, files, nil), ",")
	if got != "packages/legacy/pyproject.toml:1 REPRO-DEP-111,pyproject.toml:6 REPRO-DEP-111" {
		t.Errorf("got %s", got)
	}
}
