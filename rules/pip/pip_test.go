package pip

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/git-repro/git-repro/internal/rulestest"

	"github.com/git-repro/git-repro/checks"

	"github.com/git-repro/git-repro/snapshot"
)

// countingTree counts ReadFile calls per path.
type countingTree struct {
	*snapshot.MapTree
	mu    sync.Mutex
	reads map[string]int
}

func (c *countingTree) ReadFile(p string) ([]byte, error) {
	c.mu.Lock()
	c.reads[p]++
	c.mu.Unlock()
	return c.MapTree.ReadFile(p)
}

func runPip(t *testing.T, files map[string]string, targets ...string) []string {
	t.Helper()
	tree := &countingTree{MapTree: &snapshot.MapTree{Content: files}, reads: map[string]int{}}
	var fis []snapshot.FileInfo
	full := len(targets) == 0
	if full {
		all, _ := tree.Files()
		fis = all
	} else {
		for _, p := range targets {
			fi, err := tree.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			fis = append(fis, fi)
		}
	}
	res := checks.Run(checks.Options{Tree: tree, Targets: fis, Full: full, Rules: rules})
	for _, err := range res.Errors {
		t.Fatal(err)
	}
	for p, n := range tree.reads {
		// Once by the analysis, once by the engine's line cache.
		if n > 2 {
			t.Errorf("%s read %d times", p, n)
		}
	}
	var out []string
	for _, f := range res.Findings {
		out = append(out, fmt.Sprintf("%s:%d %s", f.Path, f.Line, f.Rule))
	}
	return out
}

func TestPipMustShow(t *testing.T) {
	files := map[string]string{
		"requirements.txt": "numpy\npandas>=2.0\ntorch==2.0.*\nscikit-learn==1.2.2\n" +
			"-e git+https://example.invalid/org/x.git@main#egg=x\n" +
			"git+https://example.invalid/org/y.git@0123456789abcdef0123456789abcdef01234567#egg=y\n",
	}
	got := runPip(t, files)
	want := []string{
		"requirements.txt:1 REPRO-DEP-001", "requirements.txt:2 REPRO-DEP-001",
		"requirements.txt:3 REPRO-DEP-001", "requirements.txt:5 REPRO-DEP-001",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestPipTargetsSubset(t *testing.T) {
	files := map[string]string{
		"requirements.txt":           "-r requirements/base.txt\n-c constraints.txt\nnumpy\n",
		"requirements/base.txt":      "pandas\nscipy\n",
		"constraints.txt":            "numpy==1.26.4\nscipy==1.11.4\n",
		"docs/requirements-docs.txt": "sphinx\n",
		"src/app.py":                 "print(1)\n",
	}
	// A hook that sees only requirements.txt follows its includes.
	got := runPip(t, files, "requirements.txt", "src/app.py")
	want := []string{"requirements/base.txt:1 REPRO-DEP-001"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("requirements.txt only: got %q, want %q", got, want)
	}
	// Only the included file staged: it is checked on its own (its
	// includer is not in view), so scipy is no longer covered by the
	// constraint.
	got = runPip(t, files, "requirements/base.txt")
	want = []string{"requirements/base.txt:1 REPRO-DEP-001", "requirements/base.txt:2 REPRO-DEP-001"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("base.txt only: got %q, want %q", got, want)
	}
	// No relevant target: nothing is read or reported.
	if got := runPip(t, files, "src/app.py"); len(got) != 0 {
		t.Errorf("unrelated target: %q", got)
	}
	// Full run: base.txt is checked once, in the context of its includer.
	got = runPip(t, files)
	want = []string{"docs/requirements-docs.txt:1 REPRO-DEP-001", "requirements/base.txt:1 REPRO-DEP-001"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("full: got %q, want %q", got, want)
	}
}

func TestPipCompiledInput(t *testing.T) {
	files := map[string]string{
		"requirements.in":       "numpy\n",
		"requirements.txt":      "numpy==1.26.4\n",
		"requirements/dev.in":   "-c ../requirements.txt\npytest\n",
		"requirements/test.in":  "coverage\n",
		"requirements/test.txt": "coverage==7.4.0\n",
	}
	got := runPip(t, files)
	want := []string{"requirements/dev.in:2 REPRO-DEP-001"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestPipHashModeThroughInclude(t *testing.T) {
	files := map[string]string{
		"requirements.txt":      "--require-hashes\n-r requirements-base.txt\nfoo==1.0 --hash=sha256:ab\n",
		"requirements-base.txt": "bar==2.0\n",
		"requirements-dev.txt":  "-r requirements-base.txt\n",
	}
	// bar is reached from two roots; it lacks a hash only under the first
	// and is reported once.
	got := runPip(t, files)
	want := []string{"requirements-base.txt:1 REPRO-DEP-002"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestPipMessages(t *testing.T) {
	tree := &snapshot.MapTree{Content: map[string]string{
		"requirements.txt": "requests[socks]>=2\n-r nope/missing.txt\n",
	}}
	fis, _ := tree.Files()
	res := checks.Run(checks.Options{Tree: tree, Targets: fis, Full: true, Rules: rules})
	if len(res.Findings) != 2 {
		t.Fatalf("findings: %+v", res.Findings)
	}
	f := res.Findings[0]
	for _, want := range []string{`"requests"`, `">=2"`, `"requests[socks]==X.Y.Z"`} {
		if !strings.Contains(f.Message, want) {
			t.Errorf("message %q lacks %s", f.Message, want)
		}
	}
	if !strings.Contains(f.Hint, "pip-compile") || !strings.Contains(f.Hint, "pip freeze") {
		t.Errorf("hint %q", f.Hint)
	}
	if f.Message != strings.ToLower(f.Message[:1])+f.Message[1:] {
		t.Errorf("message not lowercase: %q", f.Message)
	}
	if g := res.Findings[1]; g.Rule != includeID || !strings.Contains(g.Message, `"nope/missing.txt"`) || !strings.Contains(g.Hint, "repository root") {
		t.Errorf("include finding: %+v", g)
	}
}

func TestIsPipFile(t *testing.T) {
	yes := []string{"requirements.txt", "requirements-dev.txt", "dev-requirements.txt", "a/b/requirements_test.txt",
		"constraints.txt", "requirements/base.txt", "requirements/dev.in", "requirements.in", "Requirements.TXT", "reqs/x.txt"}
	no := []string{"MANIFEST.in", "Makefile.in", "notes.txt", "requirements.py", "requirements/README.txt",
		"requirements/LICENSE.txt", "src/requirements/x.py", "requirements"}
	for _, p := range yes {
		if !IsRequirementsFile(p) {
			t.Errorf("IsRequirementsFile(%q) = false", p)
		}
	}
	for _, p := range no {
		if IsRequirementsFile(p) {
			t.Errorf("IsRequirementsFile(%q) = true", p)
		}
	}
}

func TestPipRulesMetadata(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range rules {
		if !strings.HasPrefix(r.ID, "REPRO-DEP-") || seen[r.ID] || r.Category != checks.CatDeps || r.Severity == 0 ||
			r.Title == "" || r.Title != strings.ToLower(r.Title) || r.Doc == "" || r.Remediation == "" || r.Run == nil {
			t.Errorf("rule %s: incomplete metadata", r.ID)
		}
		seen[r.ID] = true
	}
}

func TestPipCompiledDrift(t *testing.T) {
	files := map[string]string{
		"requirements/dev.in":  "-r base.in\npytest>=8\nblack\nruff; python_version >= '3.8'\n-e .\n",
		"requirements/base.in": "numpy~=1.26.0\n",
		"requirements/dev.txt": "black==24.1.0\npytest==7.4.4\nnumpy==1.25.2\n",
	}
	want := []string{"requirements/base.in:1 REPRO-DEP-006", "requirements/dev.in:2 REPRO-DEP-006"}
	for _, targets := range [][]string{nil, {"requirements/dev.in"}, {"requirements/dev.txt"}} {
		if got := runPip(t, files, targets...); !reflect.DeepEqual(got, want) {
			t.Errorf("targets %q: got %q, want %q", targets, got, want)
		}
	}
	// In sync: nothing.
	files["requirements/dev.txt"] = "black==24.1.0\npytest==8.0.0\nnumpy==1.26.4\n"
	if got := runPip(t, files); len(got) != 0 {
		t.Errorf("in sync: %q", got)
	}
}

func TestGolden(t *testing.T) { rulestest.Golden(t, Family) }
