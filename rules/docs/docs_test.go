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
		// A module run with -m and a fine-tuning script are usage.
		{"# X\n```\npython -m tagger.fit --epochs 5\npython finetune.py\n```\n", "REPRO-DOCS-002,REPRO-DOCS-003,REPRO-DOCS-004,REPRO-DOCS-005"},
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

// TestDataNamedInProse: a data source stated in a plain sentence (a
// well-known data set, where the data is downloaded or exported from, a
// table or a bucket, generated data, "no data set is needed") quiets
// REPRO-DOCS-005; a sentence about local paths, model weights or a data
// set the model was pretrained on elsewhere does not.
func TestDataNamedInProse(t *testing.T) {
	const train = "import torch\nopt = torch.optim.SGD([], lr=0.1)\n"
	for _, c := range []struct {
		readme string
		quiet  bool
	}{
		{"Federated averaging on non-IID CIFAR-10 with Flower.", true},
		{"The images come from\nthe lab's annual [survey](https://example.org/survey).", true},
		{"CIFAR-10 is downloaded by torchvision; the partition is built by `partition.py`.", true},
		{"Interaction logs are exported nightly from the warehouse table `analytics.interactions_v3` (needs VPN).", true},
		{"Click events are in table `events.clicks`, refreshed hourly.", true},
		{"Scans are pulled from s3://acme-imaging/raw by the ingest job.", true},
		{"The training data is downloaded automatically on first run.", true},
		{"The data is synthetic: `make_data.py` writes it.", true},
		{"No dataset is needed: the agent learns from the simulator.", true},
		{"The corpus is hosted on the group's file server.", true},
		{"Uses `torchvision.datasets.SVHN(root, download=True)`.", true},
		// Near-misses: still no source.
		{"Fine-tunes an ImageNet-pretrained ResNet-50 on our own X-ray images.", false},
		{"Normalises with ImageNet mean and std; reads COCO-style annotation files.", false},
		{"Images are read from `data/raw/` and resized to 224.", false},
		{"Images are loaded with PIL from disk.", false},
		{"The model weights are downloaded from the Hub on first use.", false},
		{"No data augmentation is needed for this model.", false},
		{"Training logs are written to runs/ for TensorBoard.", false},
		{"The table below is our result; data: TBD.", false},
	} {
		got := firedRules(t, map[string]string{"README.md": "# X\n\n" + c.readme + "\n", "train.py": train})
		if fired := strings.Contains(got, "REPRO-DOCS-005"); fired == c.quiet {
			t.Errorf("README %q: DOCS-005 fired=%v, want %v", c.readme, fired, !c.quiet)
		}
	}
}

// TestRequirementsList: a "Requirements" section that only lists package
// names is not setup instructions (REPRO-DOCS-002); one that names the
// manifest, the environment tool or an exact version of every item is.
func TestRequirementsList(t *testing.T) {
	for _, c := range []struct {
		readme string
		fires  bool
	}{
		{"## Requirements\n- Python 3\n- PyTorch 1.0+\n- torchvision\n- tensorboardX\n", true},
		{"## Dependencies\n- numpy 1.26.4\n- scipy\n", true},
		{"## Environment\nAny recent PyTorch.\n", true},
		{"Requirements\n============\n\n- numpy\n- scipy\n", true},
		{"## Requirements\n- torch==2.1.2\n- torchvision==0.16.2\n", false},
		{"## Requirements\n- PyTorch 2.1.2\n- CUDA 12.1.1\n", false},
		{"## Requirements\nEverything is pinned in `requirements.txt`.\n", false},
		{"## Environment\nCreate it with conda from `environment.yml`.\n", false},
		{"## Installation\nSee the wiki.\n", false},
		{"## Requirements\n- Python 3.10\n\n## Setup\n```\npip install -r requirements.txt\n```\n", false},
	} {
		name := "README.md"
		if strings.Contains(c.readme, "====") {
			name = "README.rst"
		}
		got := firedRules(t, map[string]string{name: "X\n\n" + c.readme})
		if fired := strings.Contains(got, "REPRO-DOCS-002"); fired != c.fires {
			t.Errorf("README %q: DOCS-002 fired=%v, want %v", c.readme, fired, c.fires)
		}
	}
}

// TestRepositoryProfile: the data and usage items apply to a repository
// that trains or evaluates, or whose code says nothing (none); not to a
// library, a command-line tool, a demo or a server, and a data-preparation
// repository is spared only the usage item.
func TestRepositoryProfile(t *testing.T) {
	const (
		readme    = "# X\n\n```\npip install x\n```\n"
		pyproject = "[build-system]\nrequires = [\"hatchling\"]\nbuild-backend = \"hatchling.build\"\n\n[project]\nname = \"x\"\nversion = \"1.0\"\n"
		libFit    = "from sklearn.ensemble import IsolationForest\n\nclass Scorer:\n    def fit(self, X):\n        self.m_ = IsolationForest().fit(X)\n        return self\n"
		nbFit     = `{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [], "source": ["from sklearn.metrics import roc_auc_score\n", "print(roc_auc_score(y, m.fit(X).score_samples(X)))\n"]}]}`
	)
	both, data, none := "REPRO-DOCS-005,REPRO-DOCS-006", "REPRO-DOCS-005", ""
	for _, c := range []struct {
		name  string
		files map[string]string
		want  string // DOCS-005/006 that fire
	}{
		{"no code", map[string]string{}, both},
		{"library", map[string]string{"pyproject.toml": pyproject, "src/x/__init__.py": "", "src/x/core.py": libFit, "tests/test_core.py": "from x.core import Scorer\nScorer().fit([[0]])\n"}, none},
		{"library with an example notebook", map[string]string{"setup.cfg": "[metadata]\nname = x\n", "x/__init__.py": "", "x/core.py": libFit, "examples/benchmark.ipynb": nbFit}, none},
		{"library with a training script", map[string]string{"pyproject.toml": pyproject, "src/x/__init__.py": "", "src/x/core.py": libFit, "scripts/train.py": "print(1)\n"}, both},
		{"package that trains in its modules", map[string]string{"setup.py": "from setuptools import setup\nsetup(name='x')\n", "x/__init__.py": "", "x/loop.py": "def step(model, batch, opt):\n    loss = model(batch)\n    loss.backward()\n    opt.step()\n"}, both},
		{"scripts without a package that fit", map[string]string{"examples/demo.py": "from sklearn.linear_model import LogisticRegression\nLogisticRegression().fit(X, y)\n"}, both},
		{"command-line tool", map[string]string{"pyproject.toml": pyproject + "\n[project.scripts]\nx = \"x.cli:main\"\n", "src/x/__init__.py": "", "src/x/cli.py": "import click\n\n@click.command()\ndef main():\n    click.echo('hi')\n"}, none},
		{"server", map[string]string{"app/main.py": "from fastapi import FastAPI\nimport onnxruntime\napp = FastAPI()\nsess = onnxruntime.InferenceSession('models/m.onnx')\n"}, none},
		{"demo with its training script", map[string]string{"app.py": "import streamlit as st\nst.write('x')\n", "train_model.py": "print(1)\n"}, both},
		{"server that evaluates", map[string]string{"app.py": "import gradio as gr\nfrom sklearn.metrics import f1_score\nprint(f1_score(y, p))\n"}, both},
		{"data preparation", map[string]string{"scripts/clean.py": "import pandas as pd\ndf = pd.read_csv('raw.csv')\ndf.dropna().to_parquet('clean.parquet')\n"}, data},
		{"data split files are not training scripts", map[string]string{"scripts/split.py": "import pandas as pd\npd.read_csv('a.csv').to_csv('b.csv')\n", "data/train.csv": "a\n1\n"}, data},
	} {
		files := map[string]string{"README.md": readme}
		for k, v := range c.files {
			files[k] = v
		}
		var got []string
		for _, r := range strings.Split(firedRules(t, files), ",") {
			if r == "REPRO-DOCS-005" || r == "REPRO-DOCS-006" {
				got = append(got, r)
			}
		}
		if g := strings.Join(got, ","); g != c.want {
			t.Errorf("%s: got %q, want %q", c.name, g, c.want)
		}
	}
}

// TestReinforcementLearningData: an agent that learns from an environment
// has its data named when the README names the environment and a program
// imports the simulator; either alone is not enough.
func TestReinforcementLearningData(t *testing.T) {
	const (
		gymTrain   = "import gymnasium as gym\nimport torch\nenv = gym.make('CartPole-v1')\nopt = torch.optim.Adam([])\n"
		plainTrain = "import torch\nopt = torch.optim.Adam([])\n"
		namesEnv   = "# X\n```\npython train.py --env-id CartPole-v1\n```\n"
		noEnv      = "# X\n```\npython train.py\n```\n"
	)
	for _, c := range []struct {
		readme, train string
		fires         bool
	}{
		{namesEnv, gymTrain, false},
		{namesEnv, plainTrain, true},
		{noEnv, gymTrain, true},
	} {
		got := firedRules(t, map[string]string{"README.md": c.readme, "train.py": c.train})
		if fired := strings.Contains(got, "REPRO-DOCS-005"); fired != c.fires {
			t.Errorf("README %q with %q: DOCS-005 fired=%v, want %v", c.readme, c.train, fired, c.fires)
		}
	}
}

// TestProfileOnHookRun: a pre-commit run that stages the README does not
// list the repository; a package without the usual training scripts is
// taken for a library, one with them and any other repository keep both
// items.
func TestProfileOnHookRun(t *testing.T) {
	const pyproject = "[project]\nname = \"seg-kit\"\nversion = \"1.0\"\n"
	for _, c := range []struct {
		files map[string]string
		want  int // DOCS-005 and DOCS-006 findings
	}{
		{map[string]string{"pyproject.toml": pyproject, "src/seg_kit/__init__.py": ""}, 0},
		{map[string]string{"pyproject.toml": pyproject, "src/seg_kit/train.py": ""}, 2},
		{map[string]string{"pyproject.toml": pyproject, "scripts/evaluate.py": ""}, 2},
		{map[string]string{"app.py": "import streamlit\n"}, 2},
	} {
		c.files["README.md"] = "# X\npip install x\n"
		tree := &snapshot.MapTree{Content: c.files}
		res := checks.Run(checks.Options{Tree: tree, Targets: []snapshot.FileInfo{{Path: "README.md"}}, Rules: rules})
		n := 0
		for _, f := range res.Findings {
			if f.Rule == "REPRO-DOCS-005" || f.Rule == "REPRO-DOCS-006" {
				n++
			}
		}
		if n != c.want {
			t.Errorf("%v: %d data/usage findings, want %d: %v", c.files, n, c.want, res.Findings)
		}
	}
}
