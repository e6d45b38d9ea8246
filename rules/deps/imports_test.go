package deps

import (
	"fmt"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/snapshot"
)

func TestScanImports(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"import a, b.c as d\nfrom e.f import g\nfrom . import h\nfrom .i import j\n", "a:1 b:1 e:2"},
		{"try:\n    import a\nexcept ImportError:\n    import b\nelse:\n    import c\n", "a? b? c?"},
		{"try:\n    import a\nexcept (KeyError, ModuleNotFoundError) as e:\n    pass\n", "a?"},
		{"try:\n    import a\nexcept:\n    pass\n", "a?"},
		{"if x:\n    pass\nelse:\n    import a\n", "a:4"},
		{"try:\n    import a\nexcept KeyError:\n    pass\nfinally:\n    pass\nimport b\n", "a:2 b:7"},
		{"try: import a\nexcept ImportError: a = None\n", "a?"},
		{"if True:\n    try:\n        if x:\n            import a\n    except Exception:\n        pass\n", "a?"},
		{"from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import a\nimport b; import c\n", "typing:1 a? b:4 c:4"},
		{"def f():\n    import a\n    s = 'import b'\n    # import c\n    \"\"\"\n    import d\n    \"\"\"\n", "a:2"},
		{"x = {1: 2}; import a\nwith open(f) as g: import b\n", "a:1 b:2"},
	} {
		refs, err := scanImports([]byte(c.src))
		if err != nil {
			t.Fatalf("%q: %v", c.src, err)
		}
		var got []string
		for _, r := range refs {
			if r.optional {
				got = append(got, r.top+"?")
			} else {
				got = append(got, fmt.Sprintf("%s:%d", r.top, r.line))
			}
		}
		if g := strings.Join(got, " "); g != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.src, g, c.want)
		}
	}
}

func TestLocalModules(t *testing.T) {
	lm := newLocalModules([]string{"train.py", "src/pkg/__init__.py", "tools/run.py", "tools/common.py", "nsp/sub/m.py",
		"deep/a/b/vendored_pkg/__init__.py", "csrc/_C.cpython-311-x86_64-linux-gnu.so", "README.md", "data/x.csv"})
	for _, c := range []struct {
		name, dir string
		want      bool
	}{
		{"pkg", ".", true},          // src layout
		{"common", "tools", true},   // sibling module
		{"common", ".", false},      // not on the root's path
		{"tools", "tools", true},    // the package from the root
		{"nsp", ".", true},          // namespace package
		{"vendored_pkg", ".", true}, // a package anywhere
		{"_C", "csrc", true},        // a built extension
		{"data", ".", false},        // no Python in it
		{"torch", ".", false},
	} {
		if got := lm.has(c.name, c.dir); got != c.want {
			t.Errorf("has(%q, %q) = %v, want %v", c.name, c.dir, got, c.want)
		}
	}
}

func TestStdlibList(t *testing.T) {
	for _, m := range []string{"os", "asyncio", "tomllib", "distutils", "imp", "asyncore", "binhex", "_thread", "__future__", "zoneinfo", "graphlib"} {
		if !stdlib()[m] {
			t.Errorf("%q is missing from the standard library list", m)
		}
	}
	for _, m := range []string{"numpy", "yaml", "setuptools", "pkg_resources", "six"} {
		if stdlib()[m] {
			t.Errorf("%q is not in the standard library", m)
		}
	}
}

// FuzzScanImports: no panic, and positions inside the input.
func FuzzScanImports(f *testing.F) {
	for _, s := range []string{"import a\n", "try: import a\nexcept: pass\n", "if x: import a; import b\n", "from . import (a,\n b)\n", "except:\n", "import\n", "from\n", "try:\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		refs, err := scanImports(src)
		if err != nil {
			return
		}
		lines := strings.Count(string(src), "\n") + 1
		for _, r := range refs {
			if r.line < 1 || r.line > lines || r.top == "" {
				t.Fatalf("bad ref %+v in a %d-line input", r, lines)
			}
		}
	})
}

// TestDockerfileInstallsPython: a Dockerfile is a Python environment's
// definition when its base image ships Python or a RUN command installs
// Python packages, as the shell reads the command (not a line that merely
// mentions pip).
func TestDockerfileInstallsPython(t *testing.T) {
	for src, want := range map[string]bool{
		"FROM python:3.11-slim\n":                                                                 true,
		"FROM ubuntu:22.04\nRUN pip3 install -r requirements.txt\n":                               true,
		"FROM ubuntu:22.04\nRUN apt-get update && sudo -E python3 -m pip install numpy==1.26.4\n": true,
		"FROM ubuntu:22.04\nRUN uv sync --frozen\n":                                               true,
		"FROM ubuntu:22.04\nRUN micromamba create -y -f env.yml\n":                                true,
		"FROM ubuntu:22.04\nRUN echo 'pip install x' > /README\n":                                 false,
		"FROM ubuntu:22.04\n# RUN pip install x\nRUN make\n":                                      false,
		"FROM node:20\nRUN npm ci\n":                                                              false,
	} {
		tree := &snapshot.MapTree{Content: map[string]string{"Dockerfile": src}}
		a := &analysis{p: &checks.Pass{Tree: tree}, files: map[string]*fileData{}}
		if got := a.dockerfileInstallsPython("Dockerfile"); got != want {
			t.Errorf("%q: %v, want %v", src, got, want)
		}
	}
}
