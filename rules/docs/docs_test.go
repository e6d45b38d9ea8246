package docs

import (
	"sort"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/rulestest"
	"github.com/git-repro/git-repro/snapshot"
)

// firedRules runs the docs rules over files and returns the rules that
// fired, sorted, comma-separated.
func firedRules(t *testing.T, files map[string]string) string {
	t.Helper()
	var got []string
	for _, f := range rulestest.Run(t, rules, &snapshot.MapTree{Content: files}, nil) {
		got = append(got, f.Rule)
	}
	sort.Strings(got)
	return strings.Join(got, ",")
}

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
		// The data source named in prose, links and commands (DOCS-005 quiet).
		{"# X\nWe train on [ImageNet-1k](https://image-net.org/download.php).\n", "REPRO-DOCS-002,REPRO-DOCS-003,REPRO-DOCS-004,REPRO-DOCS-006"},
		{"# X\nFine-tunes whisper-small on Common Voice 16 Hindi (`mozilla-foundation/common_voice_16_0`).\n", "REPRO-DOCS-002,REPRO-DOCS-003,REPRO-DOCS-004,REPRO-DOCS-006"},
		{"# X\n```\npython train.py --data_path liuhaotian/LLaVA-Instruct-150K\n```\n", "REPRO-DOCS-002,REPRO-DOCS-003,REPRO-DOCS-004"},
		{"# X\n```\npython run_clm.py --dataset_name wikitext --dataset_config_name wikitext-2-raw-v1\n```\n", "REPRO-DOCS-002,REPRO-DOCS-003,REPRO-DOCS-004"},
		{"# X\nThe [corpus](https://huggingface.co/datasets/org/corpus) is on the Hub.\n", "REPRO-DOCS-002,REPRO-DOCS-003,REPRO-DOCS-004,REPRO-DOCS-006"},
		{"# X\nRun `huggingface-cli download org/set --repo-type dataset` first.\n", "REPRO-DOCS-002,REPRO-DOCS-003,REPRO-DOCS-004,REPRO-DOCS-006"},
		// ... and what does not name one (DOCS-005 still fires): hardware,
		// systems and local paths.
		{"# X\nTrained on 8 A100 GPUs. Evaluated on Ubuntu 22.04. Fine-tuned on Google Colab.\n", "REPRO-DOCS-002,REPRO-DOCS-003,REPRO-DOCS-005,REPRO-DOCS-006"},
		{"# X\n```\npython train.py --data_dir data/train --data_path ./coco --data-path data/train.json\n```\n", "REPRO-DOCS-002,REPRO-DOCS-003,REPRO-DOCS-004,REPRO-DOCS-005"},
		{"# X\nBuilt with [PyTorch](https://pytorch.org/docs/stable/index.html); trained on the train split.\n", "REPRO-DOCS-002,REPRO-DOCS-003,REPRO-DOCS-004,REPRO-DOCS-005,REPRO-DOCS-006"},
		// "python" alone is no version; "CPU" alone is no hardware statement.
		{"# X\nWritten in Python for the CPU.\n", "REPRO-DOCS-002,REPRO-DOCS-003,REPRO-DOCS-004,REPRO-DOCS-005,REPRO-DOCS-006"},
	} {
		if got := firedRules(t, map[string]string{"README.md": c.readme}); got != c.missing {
			t.Errorf("README %q:\n got %s\nwant %s", c.readme, got, c.missing)
		}
	}
}

// TestCompanionDocs: what the README links (and the usual INSTALL.md,
// GETTING_STARTED.md, datasets/README.md) covers its checklist; a license
// or an unrelated document does not.
func TestCompanionDocs(t *testing.T) {
	for _, c := range []struct {
		files   map[string]string
		missing string
	}{
		{map[string]string{
			"README.md":            "# X\nSee [install](docs/INSTALL.md#pip) and [usage](./docs/usage/).\n",
			"docs/INSTALL.md":      "pip install -r requirements.txt on Python 3.11 with a 24 GB GPU\n",
			"docs/usage/README.md": "python train.py\n",
			"datasets/README.md":   "Download COCO from https://cocodataset.org/#download\n",
		}, ""},
		{map[string]string{
			"README.md":          "# X\n",
			"GETTING_STARTED.md": "# Getting Started\npip install -e .\npython tools/train_net.py\n",
		}, "REPRO-DOCS-003,REPRO-DOCS-004,REPRO-DOCS-005"},
		{map[string]string{
			"README.md":     "# X\nSee [LICENSE](LICENSE), [license](LICENSE.md), [the paper](https://arxiv.org/abs/1) and [notes](../outside.md).\n",
			"LICENSE":       "data training python 3.11 pip install GPU",
			"LICENSE.md":    "data training python 3.11 pip install GPU",
			"../outside.md": "pip install x",
		}, "REPRO-DOCS-002,REPRO-DOCS-003,REPRO-DOCS-004,REPRO-DOCS-005,REPRO-DOCS-006"},
	} {
		if got := firedRules(t, c.files); got != c.missing {
			t.Errorf("%v:\n got %s\nwant %s", c.files, got, c.missing)
		}
	}
	// A staged companion re-checks the README.
	tree := &snapshot.MapTree{Content: map[string]string{"README.md": "# X\nSee [INSTALL.md](INSTALL.md).\n", "INSTALL.md": "x\n"}}
	res := checks.Run(checks.Options{Tree: tree, Targets: []snapshot.FileInfo{{Path: "INSTALL.md"}}, Rules: rules})
	if len(res.Findings) != 5 {
		t.Errorf("INSTALL.md staged: want the README's 5 findings, got %v", res.Findings)
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
