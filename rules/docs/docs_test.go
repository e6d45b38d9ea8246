package docs

import (
	"sort"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/rulestest"
	"github.com/git-repro/git-repro/snapshot"
)

func TestReadmeChecklist(t *testing.T) {
	for _, c := range []struct {
		readme  string
		missing string // rules, sorted, comma-separated
	}{
		{"# X\n", "REPRO-DOCS-002,REPRO-DOCS-003,REPRO-DOCS-004,REPRO-DOCS-005,REPRO-DOCS-006"},
		// Content without headings counts.
		{"# X\nRun `pip install -r requirements.txt` on Python 3.11 with one A100 GPU, then `dvc pull` and `python train.py`.\n", ""},
		// Headings without the usual commands count.
		{"# X\n## Getting started\nx\n## Hardware\nx\n## Datasets\nx\n## Reproducing the results\nx\npython>=3.10\n", ""},
		// "Training data" is a data heading, not usage.
		{"# X\n## Training data\nfrom the web\n", "REPRO-DOCS-002,REPRO-DOCS-003,REPRO-DOCS-004,REPRO-DOCS-006"},
		// A conda environment with the Python version and a 16 GB RAM note.
		{"# X\n```\nconda env create -f environment.yml\n```\npython=3.10 needs 16 GB RAM\n", "REPRO-DOCS-005,REPRO-DOCS-006"},
		// A shields.io badge states the Python version; GPU models without
		// the word "GPU" state the hardware.
		{"# X\n[![Python](https://img.shields.io/badge/python-3.10%20%7C%203.11-blue)](https://www.python.org)\n\nTrained on 4x L40S; inference fits on a T4.\n", "REPRO-DOCS-002,REPRO-DOCS-005,REPRO-DOCS-006"},
		{"# X\nRun `pixi install` (Python 3.11).\n", "REPRO-DOCS-004,REPRO-DOCS-005,REPRO-DOCS-006"},
		{"# X\nRun `uv python install 3.12`.\n", "REPRO-DOCS-002,REPRO-DOCS-004,REPRO-DOCS-005,REPRO-DOCS-006"},
		{"# X\npyenv install 3.11.9\n", "REPRO-DOCS-002,REPRO-DOCS-004,REPRO-DOCS-005,REPRO-DOCS-006"},
		// READMEs written in Chinese, Japanese or Korean name their sections so.
		{"# X\n## 安装\nx\n## 硬件\nx\n## 数据集\nx\n## 训练与评估\nx\nPython 3.10\n", ""},
		{"# X\n## インストール\nx\n## データ\nx\n## 学習\nx\n", "REPRO-DOCS-003,REPRO-DOCS-004"},
		{"# X\n## 训练数据\nx\n", "REPRO-DOCS-002,REPRO-DOCS-003,REPRO-DOCS-004,REPRO-DOCS-006"},
		// "python" alone is no version; "CPU" alone is no hardware statement.
		{"# X\nWritten in Python for the CPU.\n", "REPRO-DOCS-002,REPRO-DOCS-003,REPRO-DOCS-004,REPRO-DOCS-005,REPRO-DOCS-006"},
	} {
		tree := &snapshot.MapTree{Content: map[string]string{"README.md": c.readme}}
		var got []string
		for _, f := range rulestest.Run(t, rules, tree, nil) {
			got = append(got, f.Rule)
		}
		sort.Strings(got)
		if strings.Join(got, ",") != c.missing {
			t.Errorf("README %q:\n got %v\nwant %s", c.readme, got, c.missing)
		}
	}
}

func TestReadmeOnlyWhenRelevant(t *testing.T) {
	tree := &snapshot.MapTree{Content: map[string]string{"README.md": "# X\n", "train.py": ""}}
	// A hook run that stages only train.py says nothing about the README.
	res := checks.Run(checks.Options{Tree: tree, Targets: []snapshot.FileInfo{{Path: "train.py"}}, Rules: rules})
	if len(res.Findings) != 0 {
		t.Errorf("README not a target: %v", res.Findings)
	}
	res = checks.Run(checks.Options{Tree: tree, Targets: []snapshot.FileInfo{{Path: "README.md"}}, Rules: rules})
	if len(res.Findings) != 5 {
		t.Errorf("README staged: want 5 findings, got %v", res.Findings)
	}
	cfg, err := checks.ParseConfig(checks.ConfigFile, []byte("docs:\n  readme: docs/index.md\n"), []checks.Family{Family})
	if err != nil {
		t.Fatal(err)
	}
	res = checks.Run(checks.Options{Tree: tree, Targets: []snapshot.FileInfo{{Path: "README.md"}, {Path: "train.py"}}, Full: true, Rules: rules, Config: cfg})
	if len(res.Findings) != 1 || res.Findings[0].Rule != "REPRO-DOCS-001" || res.Findings[0].Path != "docs/index.md" {
		t.Errorf("configured README missing: %v", res.Findings)
	}
}
