package scorecard

import (
	"bytes"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/snapshot"
)

// FuzzReport feeds arbitrary bytes as every manifest, lock, Dockerfile,
// DVC file and model card the environment diff reads, on both sides, and
// renders every format: the glue around the parsers must never panic.
func FuzzReport(f *testing.F) {
	f.Add([]byte("torch==2.0.1\n"), []byte("torch==2.1.0\npandas\n"))
	f.Add([]byte("[project]\ndependencies=['a>=1']\nrequires-python='>=3.10'\n"), []byte("dependencies:\n - python=3.11\n - pip:\n   - b==1\n"))
	f.Add([]byte("outs:\n- md5: abc\n  size: 12\n  path: data.csv\n"), []byte("ARG X\nFROM ${X:-python:3.11} AS a\nFROM a\n"))
	f.Add([]byte("[[package]]\nname='A'\nversion='1'\n"), []byte(`{"default":{"a":{"version":"==1"}}}`))
	names := []string{"requirements.txt", "pyproject.toml", "environment.yml", "Pipfile", "Pipfile.lock", "poetry.lock",
		"uv.lock", "Dockerfile", "data.dvc", "models/README.md", "MODEL_CARD.md", ".python-version", "runtime.txt", "setup.py",
		".tool-versions", "model.pt"}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		base, head := map[string]string{}, map[string]string{}
		for i, n := range names {
			if i%2 == 0 {
				base[n], head[n] = string(a), string(b)
			} else {
				base[n], head[n] = string(b), string(a)
			}
		}
		none := []*checks.Rule{}
		bs, _, err := Evaluate(&snapshot.MapTree{Content: base}, nil, none)
		if err != nil {
			t.Fatal(err)
		}
		hs, _, _ := Evaluate(&snapshot.MapTree{Content: head}, nil, none)
		r := Build(hs, bs, Meta{})
		_ = r.Markdown(MarkdownOptions{MaxBytes: 2000})
		var w bytes.Buffer
		if err := r.Text(&w); err != nil {
			t.Fatal(err)
		}
		if err := r.WriteJSON(&w); err != nil {
			t.Fatal(err)
		}
		if err := r.HTML(&w); err != nil {
			t.Fatal(err)
		}
	})
}
