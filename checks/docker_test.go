package checks_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/gitx"
	"github.com/git-repro/git-repro/parse/dockerignore"
	"github.com/git-repro/git-repro/snapshot"
)

// dockerGitRepo makes a real git repository with the given files
// committed, in a hermetic environment (no GIT_* from the caller, fixed
// identity and dates).
func dockerGitRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	base := t.TempDir()
	dir, home := filepath.Join(base, "repo"), filepath.Join(base, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		t.Fatal(err)
	}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GIT_") || k == "HOME" || k == "XDG_CONFIG_HOME" {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "HOME="+home, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com",
		"GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z")
	git := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir, cmd.Env = dir, env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	git("init", "-q", "-b", "main")
	for p, c := range files {
		writeFile(t, filepath.Join(dir, p), c)
	}
	git("add", "-A")
	git("commit", "-q", "-m", "initial")
	return dir
}

func writeFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func dockerFindings(t *testing.T, tree snapshot.Tree, targets []snapshot.FileInfo, full bool) []checks.Finding {
	t.Helper()
	var rules []*checks.Rule
	for _, f := range checks.Families() {
		if f.Name == "docker" {
			rules = f.Rules
		}
	}
	if full {
		var err error
		if targets, err = tree.Files(); err != nil {
			t.Fatal(err)
		}
	}
	res := checks.Run(checks.Options{Tree: tree, Targets: targets, Full: full, Rules: rules})
	for _, err := range res.Errors {
		t.Errorf("engine error: %v", err)
	}
	return res.Findings
}

func findingWith(fs []checks.Finding, rule, text string) *checks.Finding {
	for i, f := range fs {
		if f.Rule == rule && strings.Contains(f.Message, text) {
			return &fs[i]
		}
	}
	return nil
}

// The "Must show": a repository with a Dockerfile, no
// .dockerignore, a committed .env and a data/ folder gets findings naming
// .env, data/ and .git with the context size; after the generated
// .dockerignore they are gone and the Dockerfile's own COPY sources are
// still in the context.
func TestDockerContextMustShow(t *testing.T) {
	dockerfile := `FROM python:3.11-slim@sha256:` + strings.Repeat("ab", 32) + `
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY src/ ./src/
COPY models/classifier.pt ./models/
COPY data/labels.json ./data/
USER app
CMD ["python", "-m", "src.app"]
`
	dir := dockerGitRepo(t, map[string]string{
		"Dockerfile":           dockerfile,
		"requirements.txt":     "numpy==1.26.4\n",
		"src/app.py":           "print('hi')\n",
		"src/__init__.py":      "",
		".env":                 "HF_TOKEN=hf_not_a_real_token\n",
		"data/train.csv":       strings.Repeat("1,2,3\n", 50000),
		"data/labels.json":     "{}\n",
		"models/classifier.pt": strings.Repeat("\x00", 4096),
		"models/old.pt":        strings.Repeat("\x00", 4096),
		"notebooks/.ipynb_checkpoints/a-checkpoint.ipynb": "{}",
	})
	repo, err := gitx.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	wt := repo.Worktree()

	fs := dockerFindings(t, wt, nil, true)
	want := []struct{ rule, text string }{
		{"REPRO-DOCKER-030", "plus .git"},
		{"REPRO-DOCKER-031", ".git"},
		{"REPRO-DOCKER-032", `".env"`},
		{"REPRO-DOCKER-033", `"data/"`},
		{"REPRO-DOCKER-033", `"models/old.pt"`},
		{"REPRO-DOCKER-034", `"notebooks/.ipynb_checkpoints/"`},
	}
	for _, w := range want {
		if findingWith(fs, w.rule, w.text) == nil {
			t.Errorf("no %s finding naming %s in:\n%s", w.rule, w.text, dump(fs))
		}
	}
	// The size of the context is in the missing-.dockerignore finding.
	if f := findingWith(fs, "REPRO-DOCKER-030", "KiB"); f == nil || !strings.Contains(f.Message, "files") || !strings.Contains(f.Message, "biggest: data/") {
		t.Errorf("context size and biggest entries missing:\n%s", dump(fs))
	}
	// Explicit COPY sources are intended, not findings.
	if f := findingWith(fs, "REPRO-DOCKER-033", `"models/classifier.pt" (`); f != nil {
		t.Errorf("explicitly copied weights reported: %s", f)
	}
	// A pre-commit run that only stages the Dockerfile sees the same
	// context findings.
	staged := dockerFindings(t, wt, []snapshot.FileInfo{{Path: "Dockerfile"}}, false)
	for _, w := range want {
		if findingWith(staged, w.rule, w.text) == nil {
			t.Errorf("staged run: no %s naming %s", w.rule, w.text)
		}
	}
	// A run whose targets are unrelated to Docker reports nothing.
	if got := dockerFindings(t, wt, []snapshot.FileInfo{{Path: "src/app.py"}}, false); len(got) != 0 {
		t.Errorf("unrelated targets gave findings:\n%s", dump(got))
	}

	// Apply "git repro init --dockerignore".
	tmpl, err := checks.DockerignoreTemplate(wt, nil, ".")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, ".dockerignore"), string(tmpl))
	wt = repo.Worktree()
	after := dockerFindings(t, wt, nil, true)
	for _, f := range after {
		switch f.Rule {
		case "REPRO-DOCKER-030", "REPRO-DOCKER-031", "REPRO-DOCKER-032", "REPRO-DOCKER-033", "REPRO-DOCKER-034", "REPRO-DOCKER-036":
			t.Errorf("after the template: %s\n--- template:\n%s", f, tmpl)
		}
	}
	ign := dockerignore.Parse(tmpl)
	for _, p := range []string{"Dockerfile", "requirements.txt", "src/app.py", "models/classifier.pt", "data/labels.json"} {
		if ign.Excluded(p) {
			t.Errorf("template excludes %q, which the Dockerfile needs", p)
		}
	}
	for _, p := range []string{".git", ".env", "data/train.csv", "models/old.pt", ".venv/bin/python", "src/__pycache__/app.cpython-311.pyc"} {
		if !ign.Excluded(p) {
			t.Errorf("template keeps %q in the context", p)
		}
	}
}

func dump(fs []checks.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.String() + "\n")
	}
	return b.String()
}
