package shell

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/shellcmd"
	"github.com/git-repro/git-repro/snapshot"
)

func TestUnpinned(t *testing.T) {
	for src, want := range map[string]string{
		"pip install numpy<2 pandas==2.2.2":     `pip install of unpinned package "numpy"; the unquoted "<" in "numpy<2" is a shell redirect: "numpy" is installed without a version and the shell reads a file "2" as its input (the command fails when there is none) | quote requirements with < or > ('numpy<2'), then pin exact versions or install from a pinned requirements file`,
		"mamba install -y faiss-cpu numpy=1.26": `mamba install of unpinned packages "faiss-cpu", "numpy=1.26" | pin exact versions or install from a pinned environment file`,
		"pip install -U pip wheel":              "",
	} {
		in := shellcmd.Script(src).Installs[0]
		got := ""
		if p, ok := Unpinned(in, nil); ok {
			got = p.What + " | " + p.Fix
		}
		if got != want {
			t.Errorf("%s:\n got %s\nwant %s", src, got, want)
		}
	}
}

func TestKindOf(t *testing.T) {
	tree := &snapshot.MapTree{Content: map[string]string{}}
	for p, want := range map[string]Kind{
		"README.md": Markdown, "docs/install.markdown": Markdown, "CHANGELOG.md": None, "docs/release-notes.md": None, "docs/releasing.md": Markdown, "docs/usage.md": Markdown,
		"RELEASE_NOTES.md": None, ".github/ISSUE_TEMPLATE/bug.md": None, "scripts/setup.sh": Script, "x.bash": Script,
		"Makefile": Makefile, "GNUmakefile": Makefile, "rules.mk": Makefile, "nb.ipynb": Notebook, "train.py": None,
		"bin/run": None,
	} {
		if got := KindOf(tree, snapshot.FileInfo{Path: p}); got != want {
			t.Errorf("KindOf(%q) = %v, want %v", p, got, want)
		}
	}
}

// TestCellRef: a notebook's command is named by its cell and its line in
// the cell, as the Python rules name theirs; another file's by nothing.
func TestCellRef(t *testing.T) {
	nb := "{\"cells\": [\n {\"cell_type\": \"markdown\", \"source\": [\"x\"]},\n {\"cell_type\": \"code\", \"source\": [\n  \"import os\\n\",\n  \"!pip install a\"\n ]}\n], \"nbformat\": 4, \"metadata\": {}}\n"
	tree := &snapshot.MapTree{Content: map[string]string{"nb.ipynb": nb, "run.sh": "pip install a\n"}}
	var got []string
	rule := &checks.Rule{ID: "REPRO-TEST-001", Category: checks.CatDeps, Severity: checks.Info, Run: func(p *checks.Pass) {
		for fp, kind := range map[string]Kind{"nb.ipynb": Notebook, "run.sh": Script} {
			f := Load(p, fp, kind)
			got = append(got, fmt.Sprintf("%s %q", fp, f.CellRef(f.Installs[0].Line)))
		}
	}}
	files, _ := tree.Files()
	checks.Run(checks.Options{Tree: tree, Targets: files, Full: true, Rules: []*checks.Rule{rule}})
	slices.Sort(got)
	if g := strings.Join(got, "; "); g != `nb.ipynb "cell 2, line 2: "; run.sh ""` {
		t.Errorf("got %s", g)
	}
}
