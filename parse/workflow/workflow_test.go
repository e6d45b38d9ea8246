package workflow

import (
	"fmt"
	"strings"
	"testing"
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

func TestCommands(t *testing.T) {
	w, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range w.Jobs[0].Steps {
		for _, c := range Commands(s.Run, []byte(sample)) {
			i, ok := PipInstallArgs(c)
			if !ok {
				continue
			}
			var args []string
			for j, a := range c.Args[i:] {
				if c.Dynamic[i+j] {
					a = "<dyn>"
				}
				args = append(args, a)
			}
			got = append(got, fmt.Sprintf("%d:%d %s", c.Line, c.Col, strings.Join(args, ",")))
		}
	}
	want := "16:14 -r,requirements.txt|19:11 --upgrade,pip|21:13 black>=23,ruff==0.4.0,<dyn>"
	if strings.Join(got, "|") != want {
		t.Errorf("got  %s\nwant %s", strings.Join(got, "|"), want)
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

func TestPipInstallArgs(t *testing.T) {
	for in, want := range map[string]int{
		"pip install x": 2, "pip3 install x": 2, "python -m pip install x": 4, "python3.11 -m pip install x": 4,
		"sudo pip install x": 3, "uv pip install x": 3, "pip -q install x": 3, "python -u -m pip install x": 5,
		"pip download x": -1, "python x.py": -1, "pipx install x": -1, "uv add x": -1,
	} {
		i, ok := PipInstallArgs(Command{Args: strings.Fields(in)})
		if !ok {
			i = -1
		}
		if i != want {
			t.Errorf("%q: %d, want %d", in, i, want)
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
					Commands(s.Run, data)
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
				for _, c := range Commands(s.Run, data) {
					PipInstallArgs(c)
				}
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
