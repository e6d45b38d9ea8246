package workflow

import (
	"fmt"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

const sample = `name: CI
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        python: [3.8, 3.9, 3.10, "3.11"]
        include:
          - python: 3.20
    steps:
      - uses: actions/checkout@v2
      - uses: actions/setup-python@v5
        with:
          python-version: ${{ matrix.python }}
      - run: pip install -r requirements.txt
      - name: tools
        run: |
          python -m pip install --upgrade pip
          if true; then
            pip install "black>=23" ruff==0.4.0 ${{ matrix.extra }}
          fi
`

func TestParse(t *testing.T) {
	w, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Jobs) != 1 || len(w.Jobs[0].Steps) != 4 || w.Jobs[0].RunsOn.Value != "ubuntu-latest" {
		t.Fatalf("%+v", w.Jobs)
	}
	var floats []string
	for _, kv := range MatrixValues(w.Jobs[0].Matrix) {
		if s, ok := LosesTrailingZero(kv.Value); ok {
			floats = append(floats, fmt.Sprintf("%s=%s@%d:%d", kv.Key.Value, s, kv.Value.Line, kv.Value.Column))
		}
	}
	if got := strings.Join(floats, " "); got != "python=3.1@8:28 python=3.2@10:21" {
		t.Errorf("floats: %s", got)
	}
}

// TestPositionMap: a place in a run: script (as a shell parser of the
// value counts it) maps to the workflow file, for a one-line scalar and a
// block scalar.
func TestPositionMap(t *testing.T) {
	w, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range w.Jobs[0].Steps {
		if s.Run == nil {
			continue
		}
		off, colOf := PositionMap(s.Run, []byte(sample))
		for _, at := range [][2]int{{1, 1}, {3, 3}} {
			got = append(got, fmt.Sprintf("%d:%d", at[0]+off, colOf(at[0], at[1])))
		}
	}
	// "pip install -r" at 16:14; "python -m pip" at 19:11, the "pip
	// install" inside the if at 21:13.
	if want := "16:14 18:3 19:11 21:13"; strings.Join(got, " ") != want {
		t.Errorf("got %s, want %s", strings.Join(got, " "), want)
	}
}

func TestLosesTrailingZero(t *testing.T) {
	for in, want := range map[string]string{"v: 3.10": "3.1", "v: 3.0": "3", "v: 1.20": "1.2", "v: 3.9": "", `v: "3.10"`: "", "v: '3.10'": "", "v: !!str 3.10": "", "v: 310": ""} {
		w, err := Parse([]byte(in))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := LosesTrailingZero(Get(w.Root, "v"))
		if got != want {
			t.Errorf("%s: %q, want %q", in, got, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("jobs:\n  a: &x\n    steps:\n      - run: >\n          pip install a\n  b: *x\n"))
	f.Add([]byte("runs:\n  using: composite\n  steps:\n    - uses: a/b@v1\n    - shell: bash\n      run: pip install x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if a, err := ParseAction(data); err == nil {
			for _, j := range a.Jobs {
				for _, s := range j.Steps {
					positions(s.Run, data)
				}
			}
		}
		w, err := Parse(data)
		if err != nil {
			return
		}
		for _, j := range w.Jobs {
			MatrixValues(j.Matrix)
			for _, s := range j.Steps {
				positions(s.Run, data)
				for _, kv := range s.With {
					LosesTrailingZero(kv.Value)
				}
			}
		}
	})
}

func TestParseAction(t *testing.T) {
	w, err := ParseAction([]byte("name: setup\nruns:\n  using: composite\n  steps:\n    - uses: actions/setup-python@v5\n    - shell: bash\n      run: pip install torch\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Jobs) != 1 || len(w.Jobs[0].Steps) != 2 || w.Jobs[0].Steps[0].Uses.Value != "actions/setup-python@v5" {
		t.Fatalf("composite steps not read: %+v", w.Jobs)
	}
	if w, err := ParseAction([]byte("name: lint\nruns:\n  using: docker\n  image: Dockerfile\n")); err != nil || len(w.Jobs) != 0 {
		t.Fatalf("docker action: %v %+v", err, w)
	}
	for p, want := range map[string]bool{"action.yml": true, ".github/actions/setup/action.yaml": true, "tools/action.yml": false, ".github/workflows/ci.yml": false} {
		if IsActionFile(p) != want {
			t.Errorf("IsActionFile(%q) = %v", p, !want)
		}
	}
}

// positions maps the first places of a script, as the rules do.
func positions(run *yaml.Node, data []byte) {
	if run == nil || run.Kind != yaml.ScalarNode {
		return
	}
	_, colOf := PositionMap(run, data)
	for l := 1; l <= 3; l++ {
		colOf(l, 1)
	}
}
