package python

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func mustParse(t *testing.T, src string) *Module {
	t.Helper()
	m, err := Parse([]byte(src))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return m
}

// calls lists a Func's calls as "callee(args; kw=value)".
func calls(f *Func) []string {
	if f == nil {
		return nil
	}
	var out []string
	for _, e := range f.Events {
		if c := e.Call; c != nil {
			parts := slices.Clone(c.Args)
			for _, k := range c.Keywords {
				parts = append(parts, k.Name+"="+k.Value)
			}
			if c.StarStar {
				parts = append(parts, "**")
			}
			out = append(out, fmt.Sprintf("%s(%s)@%d", c.Callee, strings.Join(parts, "; "), c.Pos.Line))
		}
		if a := e.Assign; a != nil {
			out = append(out, fmt.Sprintf("%s=%s@%d", a.Target, a.Value, a.Pos.Line))
		}
	}
	return out
}

func TestModelImports(t *testing.T) {
	m := mustParse(t, `import numpy as np, os.path
import numpy.random
import tensorflow as tf
from numpy import random as npr
from torch import manual_seed, (randn)
from .utils.seed import set_seed as ss
from .. import cfg
from x import *
def f():
    import random
`)
	cases := map[string]string{
		"np.random.rand":     "numpy.random.rand",
		"npr.rand":           "numpy.random.rand",
		"manual_seed":        "torch.manual_seed",
		"tf.random.set_seed": "tensorflow.random.set_seed",
		"os.path.join":       "os.path.join",
		"numpy.random.rand":  "numpy.random.rand",
		"ss":                 ".utils.seed.set_seed",
		"cfg.seed":           "..cfg.seed",
		"random.seed":        "random.seed",
		"unknown.x":          "unknown.x",
	}
	for in, want := range cases {
		if got := m.Resolve(in); got != want {
			t.Errorf("Resolve(%q) = %q, want %q", in, got, want)
		}
	}
	if !m.Imported("torch") || m.Imported("jax") {
		t.Errorf("Imported: torch %v jax %v", m.Imported("torch"), m.Imported("jax"))
	}
	if m.Imports[len(m.Imports)-2].Name != "*" {
		t.Errorf("star import: %+v", m.Imports)
	}
}

func TestModelStructure(t *testing.T) {
	m := mustParse(t, `"""Docstring mentioning np.random.rand() is not code."""
import numpy as np  # np.random.seed(1) in a comment is not code
print(f"{np.random.rand()} and np.random.randn() in text", 'torch.randn(3)')

@decorate(level=2)
class Net(nn.Module):
    seed_all(0)
    def __init__(self, n: int = 3) -> None:
        self.fc = nn.Linear(n, 2, bias=False)
        self.setup(**cfg)
    def setup(self): return torch.randn(2)[0].item()

def set_seed(seed):
    def inner(): random.seed(seed)
    np.random.seed(seed)
    torch.backends.cudnn.deterministic = True
    torch.manual_seed(seed); inner()

def main():
    set_seed(args.seed)
    train_test_split(X, y, test_size=0.2, *rest)

if __name__ == "__main__":
    main()
`)
	want := map[string][]string{
		"<module>":       {"print(f\"{np.random.rand()} and np.random.randn() in text\"; 'torch.randn(3)')@3", "np.random.rand()@3", "decorate(level=2)@5", "seed_all(0)@7"},
		"Net.__init__":   {"self.fc=nn.Linear(n, 2, bias=False)@9", "nn.Linear(n; 2; bias=False)@9", "self.setup(**)@10"},
		"Net.setup":      {"torch.randn(2)@11", ".item()@11"},
		"set_seed":       {"np.random.seed(seed)@15", "torch.backends.cudnn.deterministic=True@16", "torch.manual_seed(seed)@17", "inner()@17"},
		"set_seed.inner": {"random.seed(seed)@14"},
		"main":           {"set_seed(args.seed)@20", "train_test_split(X; y; *rest; test_size=0.2)@21"},
		"<main>":         {"main()@24"},
	}
	got := map[string][]string{"<module>": calls(m.Top), "<main>": calls(m.Main)}
	for name, f := range m.Funcs {
		got[name] = calls(f)
	}
	for name, w := range want {
		if fmt.Sprint(got[name]) != fmt.Sprint(w) {
			t.Errorf("%s:\n got %q\nwant %q", name, got[name], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("funcs %v", slices.Sorted(func(yield func(string) bool) {
			for k := range got {
				if !yield(k) {
					return
				}
			}
		}))
	}
	if !m.Classes["Net"] || m.Funcs["Net.setup"].Class != "Net" {
		t.Errorf("classes %v", m.Classes)
	}
}

func TestModelMainGuardVariants(t *testing.T) {
	for _, src := range []string{
		"if __name__ == '__main__': run()\n",
		"if '__main__' == __name__:\n    run()\n",
	} {
		m := mustParse(t, src)
		if got := calls(m.Main); fmt.Sprint(got) != "[run()@1]" && fmt.Sprint(got) != "[run()@2]" {
			t.Errorf("%q: main calls %q", src, got)
		}
	}
	m := mustParse(t, "def f():\n    if __name__ == '__main__':\n        g()\n")
	if m.Main != nil {
		t.Errorf("a guard inside a function is not the main block")
	}
}

// FuzzParse: Build never panics on any token stream Tokenize produces.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"import a.b as c\nfrom . import (d, e as f)\n", "def f(:\n", "class A(B, metaclass=M): x = g(1, k=2)\n",
		"if __name__ == '__main__':\n  main()\n", "x = f(**{'a': 1})(2)\n", "a.b.c = d(e)[f]\n", "@x\ndef y(): pass\n",
		"f(a, b=)\n", "from import x\n", "import\n", "def\n", "f\"{g(h=1)}\"\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		toks, _ := Tokenize(src)
		m := Build(src, toks)
		for _, fn := range m.Funcs {
			for _, e := range fn.Events {
				if e.Call == nil && e.Assign == nil {
					t.Fatal("empty event")
				}
			}
		}
		_ = m.Resolve("a.b")
	})
}
