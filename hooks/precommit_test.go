package hooks

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/testenv"
	"github.com/git-repro/git-repro/rules"
)

// moduleRoot finds the directory holding go.mod above the test's directory.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
}

type manifestHook struct {
	ID            string `yaml:"id"`
	Name          string `yaml:"name"`
	Entry         string `yaml:"entry"`
	Language      string `yaml:"language"`
	PassFilenames *bool  `yaml:"pass_filenames"`
}

func readManifest(t *testing.T) []manifestHook {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(moduleRoot(t), ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []manifestHook
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	if err := dec.Decode(&hooks); err != nil {
		t.Fatal(err)
	}
	return hooks
}

// TestPreCommitManifest checks .pre-commit-hooks.yaml against the CLI: one
// hook for everything, one per family, each a valid "check" invocation.
func TestPreCommitManifest(t *testing.T) {
	want := map[string]string{
		"git-repro": "", "git-repro-deps": "deps", "git-repro-seeds": "seeds", "git-repro-docker": "docker",
		"git-repro-model-card": "model-card", "git-repro-large-files": "large-files", "git-repro-secrets": "secrets",
	}
	got := map[string]bool{}
	for _, h := range readManifest(t) {
		got[h.ID] = true
		cat, ok := want[h.ID]
		if !ok {
			t.Errorf("unexpected hook %q", h.ID)
			continue
		}
		wantEntry := "git-repro check --staged"
		if cat != "" {
			wantEntry += " --category " + cat
		}
		if h.Entry != wantEntry || h.Language != "golang" || h.PassFilenames == nil || !*h.PassFilenames || h.Name == "" {
			t.Errorf("hook %s: %+v, want entry %q, language golang, pass_filenames true", h.ID, h, wantEntry)
		}
	}
	for id := range want {
		if !got[id] {
			t.Errorf("hook %q missing", id)
		}
	}
}

// copyModule copies what "go install ./..." needs (go.mod, go.sum, the
// non-test Go files and .pre-commit-hooks.yaml) into dst: the current
// tree, uncommitted work included.
func copyModule(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") {
				return filepath.SkipDir
			}
			return nil
		}
		keep := rel == "go.mod" || rel == "go.sum" || rel == ".pre-commit-hooks.yaml" ||
			strings.HasSuffix(rel, ".go") && !strings.HasSuffix(rel, "_test.go")
		if !keep || !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestPreCommitTryRepo runs the real pre-commit framework on our manifest:
// it builds git-repro with "go install ./..." (language: golang) from a
// committed copy of the current tree and runs the hooks on a repository
// with problems (they fail, each family on its own problems) and on a
// clean one (it passes). Two try-repo runs, each one build.
func TestPreCommitTryRepo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds git-repro through pre-commit; skipped with -short")
	}
	for _, tool := range []string{"pre-commit", "go", "git"} {
		if _, err := exec.LookPath(tool); err != nil {
			testenv.Missing(t, "%s not installed", tool)
		}
	}
	goEnv := func(k string) string {
		out, err := exec.Command("go", "env", k).Output()
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(string(out))
	}
	// pre-commit sets GOPATH to its environment directory; keep the
	// module and build caches where they are so nothing is downloaded.
	extra := []string{"GOMODCACHE=" + goEnv("GOMODCACHE"), "GOCACHE=" + goEnv("GOCACHE"), "GOFLAGS=" + goEnv("GOFLAGS"),
		"GOTOOLCHAIN=local", "PRE_COMMIT_HOME=" + filepath.Join(t.TempDir(), "pre-commit"), "PRE_COMMIT_COLOR=never"}

	src := newRepo(t)
	copyModule(t, moduleRoot(t), src.dir)
	src.git("add", "-A")
	src.git("commit", "-q", "-m", "git-repro under test")

	bad := newRepo(t)
	bad.write("requirements.txt", "numpy>=1.24\n")
	bad.write(".python-version", "3.11\n")
	bad.write("Dockerfile", "FROM python:latest\nCOPY . /app\n")
	bad.write(".env", "API_KEY=abc123\n")
	bad.git("add", "-A")
	out, err := bad.run(extra, "pre-commit", "try-repo", src.dir, "--all-files")
	if err == nil {
		t.Fatalf("pre-commit passed a repository with problems:\n%s", out)
	}
	if strings.Contains(out, "An unexpected error has occurred") || strings.Contains(out, "go: ") && strings.Contains(out, "CalledProcessError") {
		t.Fatalf("pre-commit could not install the hooks:\n%s", out)
	}
	expect := map[string]string{
		"git-repro":             `Failed`,
		"git-repro deps":        `Failed`,
		"git-repro docker":      `Failed`,
		"git-repro secrets":     `Failed`,
		"git-repro model-card":  `Passed`,
		"git-repro large-files": `Passed`,
	}
	// "check --category seeds" with no seeds rule registered yet runs
	// every rule (an empty selection means all); judge it once it has rules.
	for _, r := range rules.All() {
		if r.Category == checks.CatSeeds {
			expect["git-repro seeds"] = `Passed`
			break
		}
	}
	for hook, want := range expect {
		re := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(hook) + ` \([^\n]*\)\.*` + want + `$`)
		if !re.MatchString(out) {
			t.Errorf("hook %q did not report %s:\n%s", hook, want, out)
		}
	}
	for _, want := range []string{`requirements.txt:1:1: requirement "numpy" is not pinned`, `[REPRO-DOCKER-`, `.env: `, `[REPRO-SECRET-`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	good := newRepo(t)
	good.write("requirements.txt", "numpy==1.26.4\n")
	good.write(".python-version", "3.11\n")
	good.write("README.md", "# Demo\n\n## Setup\n\n    pip install -r requirements.txt\n\n## Usage\n\n    python train.py\n\n"+
		"## Data\n\nNo data: the demo generates its inputs.\n\n## Hardware\n\nAny CPU; 1 GB RAM. Python 3.11.\n")
	good.git("add", "-A")
	if out, err := good.run(extra, "pre-commit", "try-repo", src.dir, "git-repro", "--all-files"); err != nil {
		t.Fatalf("pre-commit failed a clean repository: %v\n%s", err, out)
	} else if !regexp.MustCompile(`(?m)^git-repro \(reproducibility checks\)\.*Passed$`).MatchString(out) {
		t.Errorf("no Passed line:\n%s", out)
	}
}

// TestDocsListEveryHook keeps docs/hooks.md in step with the manifest.
func TestDocsListEveryHook(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(moduleRoot(t), "docs", "hooks.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range readManifest(t) {
		if !strings.Contains(string(b), "| `"+h.ID+"` |") {
			t.Errorf("docs/hooks.md does not list hook %q", h.ID)
		}
	}
}
