package templates

import (
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/gittest"
	"github.com/git-repro/git-repro/internal/rulestest"
	"github.com/git-repro/git-repro/parse/dockerignore"
	"github.com/git-repro/git-repro/rules/docker"
	"github.com/git-repro/git-repro/snapshot"
)

// The template keeps every COPY source, excludes every reported item,
// and is idempotent with respect to the findings.
func TestDockerignoreTemplate(t *testing.T) {
	tree := &snapshot.MapTree{Content: map[string]string{
		"Dockerfile":       "FROM python:3.11@sha256:" + strings.Repeat("ab", 32) + "\nCOPY requirements.txt .\nCOPY models/ /m/\nCOPY data/vocab.txt /d/\nCOPY configs/*.yaml /c/\n",
		"requirements.txt": "x==1\n",
		"models/a.pt":      "w", "models/b.pt": "w", "models/__pycache__/x.pyc": "c",
		"data/vocab.txt": "v", "data/train.csv": "1",
		"configs/a.yaml":  "a: 1",
		"big.iso":         strings.Repeat("x", 2048),
		"env2/pyvenv.cfg": "home = /usr",
		".env":            "X=1",
		".repro.yaml":     "docker:\n  large-file: 1KiB\n",
	}}
	cfg, err := checks.ParseConfig(checks.ConfigFile, []byte(tree.Content[".repro.yaml"]), []checks.Family{docker.Family})
	if err != nil {
		t.Fatal(err)
	}
	before := rulestest.Run(t, docker.Family.Rules, tree, cfg)
	if len(before) < 5 {
		t.Fatalf("expected context findings, got:\n%s", dump(before))
	}
	tmpl, err := DockerignoreTemplate(tree, cfg, "")
	if err != nil {
		t.Fatal(err)
	}
	tree.Content[".dockerignore"] = string(tmpl)
	if fs := rulestest.Run(t, docker.Family.Rules, tree, cfg); len(fs) != 0 {
		t.Errorf("findings after the template:\n%s\n--- template:\n%s", dump(fs), tmpl)
	}
	for _, want := range []string{"data/\n", "big.iso\n", "env2\n", "!data/vocab.txt\n", "!models/a.pt\n"} {
		if !strings.Contains(string(tmpl), want) {
			t.Errorf("template lacks %q", want)
		}
	}
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
	r := gittest.New(t)
	r.Commit("initial", map[string]string{
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
	wt := rulestest.Worktree(t, r.Dir)

	fs := dockerFindings(t, wt, nil, true)
	want := []struct{ rule, text string }{
		{"REPRO-DOCKER-030", "plus .git"}, // and the .git leak: REPRO-DOCKER-031 is for a .dockerignore that misses it
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
	tmpl, err := DockerignoreTemplate(wt, nil, ".")
	if err != nil {
		t.Fatal(err)
	}
	r.Write(".dockerignore", string(tmpl))
	wt = rulestest.Worktree(t, r.Dir)
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

func dockerFindings(t *testing.T, tree snapshot.Tree, targets []snapshot.FileInfo, full bool) []checks.Finding {
	t.Helper()
	if full {
		var err error
		if targets, err = tree.Files(); err != nil {
			t.Fatal(err)
		}
	}
	res := checks.Run(checks.Options{Tree: tree, Targets: targets, Full: full, Rules: docker.Family.Rules})
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

func dump(fs []checks.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.String() + "\n")
	}
	return b.String()
}
