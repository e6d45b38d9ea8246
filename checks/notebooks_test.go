package checks

import (
	"fmt"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/snapshot"
)

func TestJSONPositions(t *testing.T) {
	data := []byte("{\n \"cells\": [\n  {\n   \"source\": [\n    \"a = 1\\n\",\n    \"b\"\n   ],\n   \"n\": 3\n  }\n ],\n \"metadata\": {}\n}\n")
	pos := jsonPositions(data, 4)
	want := map[string]struct{ line, col int }{
		"cells":            {2, 11},
		"cells/0":          {3, 3},
		"cells/0/source/0": {5, 6},
		"cells/0/source/1": {6, 6},
		"cells/0/n":        {8, 9},
		"metadata":         {11, 14},
	}
	for k, w := range want {
		if pos[k].line != w.line || pos[k].col != w.col {
			t.Errorf("%s: got %v, want %v", k, pos[k], w)
		}
	}
}

func TestNotebookMagicsAndLines(t *testing.T) {
	src := `{"cells": [
{"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [],
 "source": ["%%capture\n", "import numpy as np\n", "!ls\n", "x = %time np.random.rand(2)\n", "if x:\n", "    !echo hi\n", "np.random.seed?\n", "y = np.random.rand(3)"]},
{"cell_type": "code", "execution_count": 2, "metadata": {}, "outputs": [], "source": "%%bash\nnot python ((("},
{"cell_type": "code", "execution_count": 3, "metadata": {}, "outputs": [], "source": ["z = '''open"]}
], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}`
	nb := parseNotebook("n.ipynb", []byte(src))
	if nb.err != nil || nb.py == nil || nb.py.mod == nil {
		t.Fatalf("notebook: %v %+v", nb.err, nb.py)
	}
	var got []string
	for _, e := range nb.py.mod.Top.Events {
		if e.Call != nil {
			p := nb.py.at(e.Call.Pos)
			got = append(got, fmt.Sprintf("%s@%d:%d", e.Call.Callee, p.Line, p.Col))
		}
	}
	// the last source line sits on file line 3, at the column of the code
	col := strings.Index(strings.Split(src, "\n")[2], "y = np.random.rand") + 1 + len("y = ")
	if want := fmt.Sprintf("[np.random.rand@3:%d]", col); fmt.Sprint(got) != want {
		t.Errorf("calls %v, want %s", got, want)
	}
	if len(nb.cellErrs) != 1 || nb.cellErrs[0].cell != 3 || !strings.Contains(nb.cellErrs[0].msg, "EOF in multi-line string") {
		t.Errorf("cell errors %+v", nb.cellErrs)
	}
}

func TestSplitShellWords(t *testing.T) {
	got := splitShellWords(`-q "torch>=2" 'a b' c\ d # comment`)
	if fmt.Sprint(got) != "[-q torch>=2 a b c d]" {
		t.Errorf("%q", got)
	}
}

// FuzzNotebook: reading any bytes as a notebook, and running every seed and
// notebook rule on it, never panics.
func FuzzNotebook(f *testing.F) {
	f.Add([]byte(`{"cells":[{"cell_type":"code","execution_count":2,"source":["%pip install x\n","import numpy as np\n","np.random.rand()"],"outputs":[{"output_type":"error","ename":"E","evalue":"v"}]}],"metadata":{},"nbformat":4}`))
	f.Add([]byte(`{"cells":[{"cell_type":"code","source":"if x:\n  !ls\n"}],"nbformat":4}`))
	f.Add([]byte(`{"nbformat":3}`))
	f.Add([]byte(`[1,{"a":[{}]}]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tree := &snapshot.MapTree{Content: map[string]string{"nb.ipynb": string(data), "lib.py": string(data)}}
		files, _ := tree.Files()
		var rules []*Rule
		rules = append(rules, seedRules...)
		rules = append(rules, notebookRules...)
		res := Run(Options{Tree: tree, Targets: files, Full: true, Rules: rules})
		for _, err := range res.Errors {
			t.Fatal(err)
		}
	})
}

// FuzzSeedProgram: any Python source as a program with a helper module.
func FuzzSeedProgram(f *testing.F) {
	f.Add([]byte("from utils.seed import *\nimport utils.seed as s\ns.set_seed(0)\nset_seed()\nnp.random.rand()\n"))
	f.Add([]byte("def f():\n    f()\nclass A:\n    def __init__(self): self.g()\n    def g(self): A()\nf()\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		if _, err := python.Tokenize(src); err != nil && len(src) > 2000 {
			return
		}
		tree := &snapshot.MapTree{Content: map[string]string{
			"train.py":          string(src),
			"utils/seed.py":     string(src),
			"utils/__init__.py": "",
		}}
		files, _ := tree.Files()
		res := Run(Options{Tree: tree, Targets: files, Full: true, Rules: seedRules})
		for _, err := range res.Errors {
			t.Fatal(err)
		}
	})
}

// TestDocsSeedsExamples runs the examples of docs/seeds.md: each group of
// "<!-- example: PATH -->" blocks is a mini repository whose findings must
// equal the following "<!-- findings -->" block. It also checks that the
// rule table lists every seeds and notebooks rule with severity and title.
func TestDocsSeedsExamples(t *testing.T) {
	doc, exs := readDocExamples(t, "../docs/seeds.md")
	rules := append(append([]*Rule(nil), seedRules...), notebookRules...)
	for _, ex := range exs {
		if got := runDocExample(t, ex, rules); got != ex.Want {
			t.Errorf("docs example:\n--- got\n%s--- docs say\n%s", got, ex.Want)
		}
	}
	if len(exs) < 3 {
		t.Errorf("found %d examples", len(exs))
	}
	for _, r := range rules {
		row := fmt.Sprintf("| `%s` | %s | %s |", r.ID, r.Severity, r.Title)
		if !strings.Contains(doc, row) {
			t.Errorf("docs/seeds.md lacks the row %s", row)
		}
	}
}
