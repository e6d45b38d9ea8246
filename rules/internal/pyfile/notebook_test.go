package pyfile

import (
	"fmt"
	"strings"
	"testing"
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
	nb := ParseNotebook("n.ipynb", []byte(src))
	if nb.Err != nil || nb.Py == nil || nb.Py.Mod == nil {
		t.Fatalf("notebook: %v %+v", nb.Err, nb.Py)
	}
	var got []string
	for _, e := range nb.Py.Mod.Top.Events {
		if e.Call != nil {
			p := nb.Py.At(e.Call.Pos)
			got = append(got, fmt.Sprintf("%s@%d:%d", e.Call.Callee, p.Line, p.Col))
		}
	}
	// the last source line sits on file line 3, at the column of the code
	col := strings.Index(strings.Split(src, "\n")[2], "y = np.random.rand") + 1 + len("y = ")
	if want := fmt.Sprintf("[np.random.rand@3:%d]", col); fmt.Sprint(got) != want {
		t.Errorf("calls %v, want %s", got, want)
	}
	if len(nb.CellErrs) != 1 || nb.CellErrs[0].Cell != 3 || !strings.Contains(nb.CellErrs[0].Msg, "EOF in multi-line string") {
		t.Errorf("cell errors %+v", nb.CellErrs)
	}
}
