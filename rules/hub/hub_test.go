package hub_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/rulestest"
	"github.com/git-repro/git-repro/rules/hub"
	"github.com/git-repro/git-repro/snapshot"
)

func TestGolden(t *testing.T) { rulestest.Golden(t, hub.Family) }

// The section of docs/deps.md this family owns, and the markers of its
// examples. docs/deps.md is the deps family's page, whose test runs every
// "<!-- example: -->" block with the deps rules; the Hub section marks its
// examples "<!-- hub example: -->" and "<!-- hub findings -->" so that
// each test runs its own.
const (
	docPage      = "../../docs/deps.md"
	docSection   = "## Hugging Face Hub and torch.hub revisions"
	exampleMark  = "<!-- hub example: "
	findingsMark = "<!-- hub findings -->"
)

// TestDocsHubExamples runs the examples of the Hub section of
// docs/deps.md: each group of hub example blocks is a mini repository
// whose findings must equal the following hub findings block (-update
// rewrites them). It also checks that the section lists both rules with
// their severity and title.
func TestDocsHubExamples(t *testing.T) {
	b, err := os.ReadFile(docPage)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	start := strings.Index(page, docSection)
	if start < 0 {
		t.Fatalf("%s lacks the section %q", docPage, docSection)
	}
	end := len(page)
	if i := strings.Index(page[start+len(docSection):], "\n## "); i >= 0 {
		end = start + len(docSection) + i + 1
	}
	section := page[start:end]
	for _, r := range hub.Family.Rules {
		row := fmt.Sprintf("| `%s` | %s | %s |", r.ID, r.Severity, r.Title)
		if !strings.Contains(section, row) {
			t.Errorf("the Hub section of docs/deps.md lacks the row %s", row)
		}
	}
	// the section, with its markers made the ones rulestest reads, as a
	// page of its own
	tmp := filepath.Join(t.TempDir(), "hub.md")
	std := strings.NewReplacer(exampleMark, "<!-- example: ", findingsMark, "<!-- findings -->").Replace(section)
	if err := os.WriteFile(tmp, []byte(std), 0o644); err != nil {
		t.Fatal(err)
	}
	_, n := rulestest.CheckDocExamples(t, tmp, func(ex rulestest.DocExample) string {
		return rulestest.RunDocExample(t, ex, hub.Family.Rules)
	})
	if n < 2 {
		t.Errorf("found %d examples in the Hub section", n)
	}
	if *rulestest.Update {
		out, err := os.ReadFile(tmp)
		if err != nil {
			t.Fatal(err)
		}
		back := strings.NewReplacer("<!-- example: ", exampleMark, "<!-- findings -->", findingsMark).Replace(string(out))
		if !strings.HasSuffix(back, "\n") && strings.HasSuffix(section, "\n") {
			back += "\n"
		}
		if err := os.WriteFile(docPage, []byte(page[:start]+back+page[end:]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// FuzzHub: any Python source, as a module and as a notebook cell, never
// makes the family panic.
func FuzzHub(f *testing.F) {
	f.Add([]byte("from transformers import AutoModel\nM = 'org/x'\nAutoModel.from_pretrained(M, revision=None)\n"))
	f.Add([]byte("import torch\ntorch.hub.load('a/b:', 'm')\ntorch.hub.load(':', 'm')\n"))
	f.Add([]byte("import timm\ntimm.create_model('hf-hub:@')\nfrom datasets import load_dataset as l\nl(path=)\n"))
	f.Add([]byte("import argparse\np.add_argument('--m', default=M)\nM = p\nfrom transformers import pipeline\npipeline('x', args.m)\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		nb := `{"cells":[{"cell_type":"code","source":` + fmt.Sprintf("%q", string(src)) + `}],"nbformat":4}`
		tree := &snapshot.MapTree{Content: map[string]string{"load.py": string(src), "nb.ipynb": nb, "checkpoints/x": ""}}
		for _, full := range []bool{true, false} {
			files, _ := tree.Files()
			res := checks.Run(checks.Options{Tree: tree, Targets: files[:2], Full: full, Rules: hub.Family.Rules})
			for _, err := range res.Errors {
				t.Fatal(err)
			}
		}
	})
}

// run checks the files of content with the family: every file a target
// (full), or only those named (a hook run).
func runHub(t *testing.T, content map[string]string, staged ...string) []checks.Finding {
	t.Helper()
	tree := &snapshot.MapTree{Content: content}
	files, _ := tree.Files()
	full := len(staged) == 0
	if !full {
		files = nil
		for _, s := range staged {
			fi, err := tree.Stat(s)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, fi)
		}
	}
	res := checks.Run(checks.Options{Tree: tree, Targets: files, Full: full, Rules: hub.Family.Rules})
	for _, err := range res.Errors {
		t.Fatal(err)
	}
	return res.Findings
}

func places(fs []checks.Finding) string {
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s:%d", f.Path, f.Line))
	}
	return strings.Join(out, " ")
}

// TestOutputDirOfAnotherProgram: a one-part name such as "ddpm-out" is a
// Hub id unless a program of the repository writes there; on a hook run
// the usual programs beside the loader are read without listing the tree.
func TestOutputDirOfAnotherProgram(t *testing.T) {
	const sample = "import argparse\nfrom diffusers import DDPMPipeline\np = argparse.ArgumentParser()\np.add_argument('--ckpt', default='ddpm-out')\nargs = p.parse_args()\npipe = DDPMPipeline.from_pretrained(args.ckpt)\n"
	writes := map[string]string{
		"torch.save":    "import argparse, os, torch\np = argparse.ArgumentParser()\np.add_argument('--out', default='ddpm-out')\nargs = p.parse_args()\ntorch.save({}, os.path.join(args.out, 'model.pt'))\n",
		"save_pretrain": "import os\nfrom diffusers import UNet2DModel\nOUT = 'ddpm-out'\nUNet2DModel().save_pretrained(os.path.join(OUT, 'unet'))\n",
		"output_dir":    "from transformers import TrainingArguments\nargs = TrainingArguments(output_dir='ddpm-out')\n",
	}
	for name, train := range writes {
		for _, staged := range [][]string{nil, {"sample.py"}} {
			if got := runHub(t, map[string]string{"sample.py": sample, "train.py": train}, staged...); len(got) != 0 {
				t.Errorf("%s (staged %v): %v", name, staged, got)
			}
		}
	}
	// Near-misses: the other program writes elsewhere, or reads the name.
	for _, train := range []string{
		"import torch\ntorch.save({}, 'ddpm-final/model.pt')\n",
		"from diffusers import UNet2DModel\nUNet2DModel.from_pretrained('ddpm-out')\n",
	} {
		if got := runHub(t, map[string]string{"sample.py": sample, "train.py": train}); !strings.Contains(places(got), "sample.py:6") {
			t.Errorf("train.py %q: sample.py:6 not reported: %v", train, got)
		}
	}
}

// TestImportedConstant: a model id imported from another module of the
// repository is resolved; one from a library, or a constant assigned
// twice, is not guessed at.
func TestImportedConstant(t *testing.T) {
	const load = "from transformers import AutoModel\nfrom %s import MODEL\nm = AutoModel.from_pretrained(MODEL)\n"
	for _, c := range []struct {
		files map[string]string
		want  string
	}{
		{map[string]string{"src/model.py": fmt.Sprintf(load, "config"), "src/config.py": "MODEL = 'org/enc-1'\n"}, "src/model.py:3"},
		{map[string]string{"model.py": fmt.Sprintf(load, ".consts"), "consts.py": "MODEL = 'gpt2'\n"}, "model.py:3"},
		{map[string]string{"pkg/model.py": fmt.Sprintf(load, "pkg.consts"), "pkg/__init__.py": "", "pkg/consts.py": "MODEL = 'org/x'\n"}, "pkg/model.py:3"},
		{map[string]string{"model.py": fmt.Sprintf(load, "config"), "config.py": "MODEL = 'org/a'\nif X:\n    MODEL = 'org/b'\n"}, ""},
		{map[string]string{"model.py": fmt.Sprintf(load, "mylib.consts")}, ""},
		{map[string]string{"model.py": fmt.Sprintf(load, "config"), "config.py": "MODEL = 'checkpoints/best'\n"}, ""},
		{map[string]string{"model.py": fmt.Sprintf(load, "config"), "config.py": "MODEL = 'org/x'\nREV = '0123456789abcdef0123456789abcdef01234567'\n"}, "model.py:3"},
	} {
		if got := places(runHub(t, c.files)); got != c.want {
			t.Errorf("%v: got %q, want %q", c.files, got, c.want)
		}
	}
}

// TestShellCommandLines: ids given on a launch script's command line.
func TestShellCommandLines(t *testing.T) {
	const train = "import argparse\nfrom transformers import AutoModel\np = argparse.ArgumentParser()\np.add_argument('--model', required=True)\np.add_argument('--revision')\np.add_argument('--data')\nargs = p.parse_args()\nAutoModel.from_pretrained(args.model, revision=args.revision)\n"
	const rev = "0123456789abcdef0123456789abcdef01234567"
	for _, c := range []struct {
		script string
		want   string
	}{
		{"python train.py --model org/enc-1\n", "run.sh:1"},
		{"M=org/enc-1\npython3 train.py \\\n  --data x \\\n  --model=$M\n", "run.sh:4"},
		{"torchrun --nproc_per_node 8 train.py --model \"${BASE:-org/enc-1}\"\n", "run.sh:1"},
		{"cd /work && python -m train --model org/enc-1 --revision main\n", "run.sh:1"},
		{"for s in 1 2; do python train.py --model org/enc-1 --data $s; done\n", "run.sh:1"},
		{"python train.py --model org/enc-1 --revision ${REV:-main}\n", "run.sh:1"},
		{"M=org/enc-1\nrun() { python train.py --model \"$M\"; }\nrun\n", "run.sh:2"},
		// Known only when it runs: a branch, the caller's environment, a
		// sourced file, a function's arguments.
		{"M=org/enc-1\nif [ -d ckpt ]; then M=./ckpt; fi\npython train.py --model $M\n", ""},
		{"python train.py --model org/enc-1 --revision \"$REV\"\n", ""},
		{"source config.sh\npython train.py --model ${M:-org/enc-1}\n", ""},
		{"run() { python train.py --model \"$1\"; }\nrun org/enc-1\n", ""},
		// Pinned, local, unknown, commented out, not this program's option.
		{"python train.py --model org/enc-1 --revision " + rev + "\n", ""},
		{"REV=" + rev + "\npython train.py --model=org/enc-1 --revision=$REV\n", ""},
		{"python train.py --model checkpoints/best\n", ""},
		{"python train.py --model $MODEL\n", ""},
		{"# python train.py --model org/enc-1\n", ""},
		{"python train.py --data org/set --model ./local\n", ""},
		{"python other.py --model org/enc-1\n", ""},
		{"echo --model org/enc-1\n", ""},
	} {
		got := places(runHub(t, map[string]string{"train.py": train, "run.sh": c.script}))
		if got != c.want {
			t.Errorf("%q: got %q, want %q", c.script, got, c.want)
		}
	}
	// A hook run that stages only the script reads the program it runs.
	if got := places(runHub(t, map[string]string{"train.py": train, "scripts/run.sh": "python train.py --model org/enc-1\n"}, "scripts/run.sh")); got != "scripts/run.sh:1" {
		t.Errorf("hook: got %q", got)
	}
	// The program is found in the directory the command runs in; a
	// Makefile's recipes are read too.
	for _, files := range []map[string]string{
		{"src/train.py": train, "run.sh": "cd src\npython train.py --model org/enc-1\n"},
		{"train.py": train, "Makefile": "M = org/enc-1\ntrain:\n\tcd . && python train.py --model $(M)\n"},
	} {
		want := "run.sh:2"
		if _, ok := files["Makefile"]; ok {
			want = "Makefile:3"
		}
		if got := places(runHub(t, files)); got != want {
			t.Errorf("%v: got %q, want %q", files, got, want)
		}
	}
}

// TestSiblingRevisions: a load that leaves out the revision= its siblings
// (same id expression, same function) pass.
func TestSiblingRevisions(t *testing.T) {
	const head = "from transformers import AutoModel, AutoTokenizer, AutoProcessor\n\ndef load(name, rev):\n"
	for body, want := range map[string]string{
		"    a = AutoTokenizer.from_pretrained(name, revision=rev)\n    b = AutoProcessor.from_pretrained(name)\n":                        "x.py:5",
		"    a = AutoTokenizer.from_pretrained(name, revision=rev)\n    b = AutoProcessor.from_pretrained(name, revision=rev)\n":          "",
		"    a = AutoTokenizer.from_pretrained(name, revision=rev)\n    b = AutoProcessor.from_pretrained(other)\n":                       "",
		"    a = AutoTokenizer.from_pretrained(name)\n    b = AutoProcessor.from_pretrained(name)\n":                                      "",
		"    a = AutoTokenizer.from_pretrained(name, revision=rev)\n    b = AutoProcessor.from_pretrained(name, local_files_only=True)\n": "",
		"    a = AutoTokenizer.from_pretrained(name, revision=None)\n    b = AutoProcessor.from_pretrained(name)\n":                       "",
		"    a = AutoTokenizer.from_pretrained(name, revision=rev)\n\ndef other(name):\n    return AutoProcessor.from_pretrained(name)\n": "",
	} {
		if got := places(runHub(t, map[string]string{"x.py": head + body})); got != want {
			t.Errorf("%q: got %q, want %q", body, got, want)
		}
	}
}

// FuzzHubShell: any shell script, run against a program that takes a
// model id, never makes the family panic.
func FuzzHubShell(f *testing.F) {
	f.Add("M=org/x\npython train.py --model=$M \\\n --revision ${R:-main}\n")
	f.Add("python -m train --model 'org/x\" \\\n")
	f.Add("${:-}\n$\n--=\npython\n-m\n")
	f.Add("M=${1:-org/x}\nf() { python train.py --model \"$M\"; }\nif a; then f; fi\ncat <<E\npython train.py --model org/y\nE\n")
	const train = "import argparse\nfrom transformers import AutoModel\np = argparse.ArgumentParser()\np.add_argument('--model', required=True)\np.add_argument('--revision')\nargs = p.parse_args()\nAutoModel.from_pretrained(args.model, revision=args.revision)\n"
	f.Fuzz(func(t *testing.T, script string) {
		tree := &snapshot.MapTree{Content: map[string]string{"run.sh": script, "train.py": train}}
		files, _ := tree.Files()
		res := checks.Run(checks.Options{Tree: tree, Targets: files, Full: true, Rules: hub.Family.Rules})
		for _, err := range res.Errors {
			t.Fatal(err)
		}
	})
}

// TestDownloadOfUnknownID: hf_hub_download and snapshot_download take
// only Hub ids, so one without revision= is reported at the call whatever
// its id is. A command line that gives the id is then not reported again,
// unless the program is not checked in this run (a hook run with only the
// script staged), where the command line is the only place to report.
func TestDownloadOfUnknownID(t *testing.T) {
	files := map[string]string{
		"get.py":    "import argparse\nfrom huggingface_hub import snapshot_download\np = argparse.ArgumentParser()\np.add_argument('--repo', required=True)\nargs = p.parse_args()\nsnapshot_download(args.repo)\n",
		"get.sh":    "python get.py --repo org/enc-1\n",
		"models.py": "import yaml\nfrom transformers import AutoModel\ncfg = yaml.safe_load(open('m.yaml'))\nAutoModel.from_pretrained(cfg['model'])\n",
	}
	for _, c := range []struct {
		staged []string
		want   string
	}{
		{nil, "get.py:6"},
		{[]string{"get.py", "get.sh"}, "get.py:6"},
		{[]string{"get.sh"}, "get.sh:1"},
		{[]string{"models.py"}, ""}, // from_pretrained also reads local directories
	} {
		if got := places(runHub(t, files, c.staged...)); got != c.want {
			t.Errorf("staged %v: got %q, want %q", c.staged, got, c.want)
		}
	}
}

// FuzzSpacyConfig: any text as a spaCy config, beside a project.yml made of
// the same text, never makes the family panic.
func FuzzSpacyConfig(f *testing.F) {
	f.Add("[components.t.model]\n@architectures = \"spacy-transformers.TransformerModel.v3\"\nname = ${paths.m}\n[paths]\nm = ${paths.m}\n")
	f.Add("[x]\n@model_loaders = \"spacy-curated-transformers.HFPieceEncoderLoader.v1\"\nname = \"a/b\"\nrevision = ${a.}\n")
	f.Add("directories: [\"assets\"]\nassets:\n  - dest: x\n[a]\n@architectures = spacy-transformers.X\nname = assets/x\n")
	f.Fuzz(func(t *testing.T, src string) {
		tree := &snapshot.MapTree{Content: map[string]string{"configs/config.cfg": src, "project.yml": src}}
		files, _ := tree.Files()
		res := checks.Run(checks.Options{Tree: tree, Targets: files, Full: true, Rules: hub.Family.Rules})
		for _, err := range res.Errors {
			t.Fatal(err)
		}
	})
}
