package commands

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/internal/rulestest"
	"github.com/git-repro/git-repro/snapshot"
)

func TestGolden(t *testing.T) { rulestest.Golden(t, Family) }

// execTree marks files executable, as git keeps them.
type execTree struct {
	*snapshot.MapTree
	exec map[string]bool
}

func (e execTree) mode(fi snapshot.FileInfo) snapshot.FileInfo {
	if e.exec[fi.Path] {
		fi.Mode = 0o755
	}
	return fi
}

func (e execTree) Stat(p string) (snapshot.FileInfo, error) {
	fi, err := e.MapTree.Stat(p)
	return e.mode(fi), err
}

func (e execTree) Files() ([]snapshot.FileInfo, error) {
	fs, err := e.MapTree.Files()
	for i := range fs {
		fs[i] = e.mode(fs[i])
	}
	return fs, err
}

// TestShebangScripts: an executable without an extension is a script
// when its "#!" line runs a shell, and not otherwise.
func TestShebangScripts(t *testing.T) {
	tree := execTree{&snapshot.MapTree{Content: map[string]string{
		"bin/bootstrap":  "#!/usr/bin/env bash\npip install pre-commit\n",
		"bin/tool":       "#!/usr/bin/env python3\nimport os\nos.system('pip install x')\n",
		"bin/notexec":    "#!/bin/sh\npip install y\n",
		"tools/setup-sh": "#!/bin/sh -e\nwget https://dl.fbaipublicfiles.com/x/model.pth\n",
	}}, map[string]bool{"bin/bootstrap": true, "bin/tool": true, "tools/setup-sh": true}}
	var got []string
	for _, f := range rulestest.Run(t, rules, tree, nil) {
		got = append(got, fmt.Sprintf("%s:%d %s", f.Path, f.Line, f.Rule))
	}
	if want := "bin/bootstrap:2 REPRO-DEP-141 tools/setup-sh:2 REPRO-DEP-143"; strings.Join(got, " ") != want {
		t.Errorf("got %q, want %q", strings.Join(got, " "), want)
	}
}

func TestRefOfURL(t *testing.T) {
	for u, want := range map[string]string{
		"https://raw.githubusercontent.com/o/r/main/x.json":                                  `branch "main"`,
		"https://raw.githubusercontent.com/o/r/refs/heads/dev/x.json":                        `branch "dev"`,
		"https://raw.githubusercontent.com/o/r/refs/tags/v1.0/x.json":                        "",
		"https://raw.githubusercontent.com/o/r/v1.2.0/x.json":                                "",
		"https://raw.githubusercontent.com/o/r/0123456789abcdef0123456789abcdef01234567/x":   "commit",
		"https://github.com/o/r/raw/master/weights.pt":                                       `branch "master"`,
		"https://github.com/o/r/blob/main/README.md":                                         `branch "main"`,
		"https://github.com/o/r/releases/latest/download/model.pt":                           `the "latest" release`,
		"https://github.com/o/r/releases/download/v0.1.0-alpha/model.pt":                     "",
		"https://github.com/o/r/archive/refs/heads/main.zip":                                 `branch "main"`,
		"https://github.com/o/r/archive/main.tar.gz":                                         `branch "main"`,
		"https://github.com/o/r/archive/v1.0.zip":                                            "",
		"https://gitlab.com/g/sub/r/-/raw/develop/data.csv":                                  `branch "develop"`,
		"https://bitbucket.org/o/r/raw/master/x.txt":                                         `branch "master"`,
		"https://huggingface.co/o/m/resolve/main/model.safetensors":                          `branch "main"`,
		"https://huggingface.co/datasets/o/d/resolve/main/train.parquet":                     `branch "main"`,
		"https://huggingface.co/o/m/resolve/3d74acf9a28c67741b2f4f2ea7635f0aaf6f0268/c.json": "commit",
		"https://gist.githubusercontent.com/u/abc123/raw/notes.txt":                          "the gist's latest revision",
		"https://installers.acme-mirror.dev/miniconda/Miniconda3-latest-Linux-x86_64.sh":     `"latest"`,
		"https://example.org/models/latest/model.pt":                                         `"latest"`,
		"https://api.github.com/repos/o/r/releases/latest":                                   "",
		"https://pkgs.acme-mirror.dev/simple/latest-package/":                                "",
		"https://dl.fbaipublicfiles.com/segment_anything/sam_vit_h_4b8939.pth":               "",
		"https://raw.githubusercontent.com/{owner}/{repo}/{branch}/x.json":                   "",
		"not a url": "",
	} {
		r := refOfURL(u)
		got := r.moving
		if r.commit {
			got = "commit"
		}
		if got != want {
			t.Errorf("refOfURL(%q) = %q, want %q", u, got, want)
		}
	}
}

func TestUnjudgedURL(t *testing.T) {
	for u, want := range map[string]bool{
		"https://dl.fbaipublicfiles.com/x.pth": false, "$BASE/x.pth": false, "http://localhost:8000/health": true,
		"http://127.0.0.1:8000/x": true, "http://10.0.0.5/model.pt": true, "https://example.com/x.zip": true,
		"https://models.example/x": true, "https://<host>/x": true, "https://host/path/to/your_model.pt": true,
		"s3://bucket/x": true, "ftp://ftp.ncbi.nlm.nih.gov/x.gz": false, "https://host.internal/x": true,
	} {
		if got := unjudgedURL(u); got != want {
			t.Errorf("unjudgedURL(%q) = %v, want %v", u, got, want)
		}
	}
}

// TestURLVariables: a URL held in a variable is read where the call
// sees it: the calling function's own assignment first, else the
// module's.
func TestURLVariables(t *testing.T) {
	src := `import requests

url = "https://raw.githubusercontent.com/o/r/main/module.json"


def a():
    url = "https://raw.githubusercontent.com/o/r/v1.0/pinned.json"
    return requests.get(url)


def b():
    return requests.get(url)


def c():
    url = "https://dl.fbaipublicfiles.com/x.json"
    return 1


def d():
    return requests.get(url, timeout=3)
`
	tree := &snapshot.MapTree{Content: map[string]string{"get.py": src}}
	var got []string
	for _, f := range rulestest.Run(t, rules, tree, nil) {
		got = append(got, fmt.Sprintf("%d", f.Line))
	}
	if want := "12 21"; strings.Join(got, " ") != want {
		t.Errorf("findings at lines %v, want %s", got, want)
	}
}

// TestDocsCommandsExamples runs the examples of docs/deps.md marked
// "<!-- findings: commands -->" with this family's rules (the deps
// family's test runs the others), and checks that the page's rule table
// lists each rule with its severity and title.
func TestDocsCommandsExamples(t *testing.T) {
	n := 0
	doc, _ := rulestest.CheckDocExamples(t, "../../docs/deps.md", func(ex rulestest.DocExample) string {
		if !slices.Contains(ex.Families, Family.Name) {
			return ex.Want
		}
		n++
		return rulestest.RunDocExample(t, ex, rules)
	})
	if n == 0 {
		t.Error("docs/deps.md has no commands example")
	}
	for _, r := range rules {
		row := fmt.Sprintf("| `%s` | %s | %s |", r.ID, r.Severity, r.Title)
		if !strings.Contains(doc, row) {
			t.Errorf("docs/deps.md lacks the row %s", row)
		}
	}
}
