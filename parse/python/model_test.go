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
		"a, *b = c = f()\nif x: y = 1\nelse: y: int = 2\n", "def g(a: 'T' = 1, *, b=[1, (2,)], **k): pass\n",
		"x = '\\x4'\n", "class C(a(b), *d, **e): pass\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		toks, _ := Tokenize(src)
		m := Build(src, toks)
		for _, fn := range append(moduleFuncs(m), m.Top) {
			for _, e := range fn.Events {
				if e.Call == nil && e.Assign == nil {
					t.Fatal("empty event")
				}
				if c := e.Call; c != nil {
					for _, a := range c.Args {
						StringValue(a)
					}
				}
				if a := e.Assign; a != nil && (a.ValueOff > a.ValueEnd || a.ValueEnd > len(src)) {
					t.Fatalf("value span %d..%d of %d bytes", a.ValueOff, a.ValueEnd, len(src))
				}
			}
		}
		StringValue(string(src))
		SplitTopLevel(string(src))
		_ = m.Resolve("a.b")
	})
}

func TestModelAssignments(t *testing.T) {
	m := mustParse(t, `SEED = -1
model, preprocess = clip.load("ViT-B/32")
seed: int = 3
x: Optional[int]
cfg["seed"] = None
a.b [0].c = 1
n += 1
x == 3

class Cfg:
    lr: float = 1e-3

def f(seed, *args, rank: int = 0, name: str = "org/m", **kw):
    self.rng = random.Random()
    if seed < 0:
        seed = int.from_bytes(os.urandom(2), "big")
    elif seed == 0: seed = 1
    else:
        for i in range(3):
            seed += i
    with open(p) as fh:
        data = fh.read()
    h = nn.Linear(2, 2).to(dev)
`)
	want := []string{
		`SEED=-1@1`, `model, preprocess=clip.load("ViT-B/32")@2`, `clip.load("ViT-B/32")@2`, `seed=3@3`,
		`cfg["seed"]=None@5`, `a.b[0].c=1@6`, `lr=1e-3@11`,
	}
	if got := calls(m.Top); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("top:\n got %q\nwant %q", got, want)
	}
	if c := m.Top.Events[2].Call; c == nil || c.Target != "model, preprocess" {
		t.Errorf("clip.load target: %+v", m.Top.Events[2])
	}
	if got := m.Top.Events[1].Assign.Names(); fmt.Sprint(got) != "[model preprocess]" {
		t.Errorf("names %q", got)
	}
	f := m.Funcs["f"]
	var blocks []string
	for _, e := range f.Events {
		if a := e.Assign; a != nil {
			blocks = append(blocks, fmt.Sprintf("%s|%s|%s", a.Target, a.Block, a.Cond))
		}
		if c := e.Call; c != nil && c.Target != "" {
			blocks = append(blocks, c.Callee+"->"+c.Target)
		}
	}
	wantBlocks := []string{"self.rng||", "random.Random->self.rng", "seed|if|seed < 0", "int.from_bytes->seed",
		"seed|elif|seed == 0", "fh||", "open->fh", "data|with|", "fh.read->data", "h||", "nn.Linear->h"}
	if fmt.Sprint(blocks) != fmt.Sprint(wantBlocks) {
		t.Errorf("blocks:\n got %q\nwant %q", blocks, wantBlocks)
	}
	var params []string
	for _, p := range f.Params {
		params = append(params, p.Star+p.Name+":"+p.Annotation+"="+p.Default)
	}
	if fmt.Sprint(params) != `[seed:= *args:= rank:int=0 name:str="org/m" **kw:=]` {
		t.Errorf("params %q", params)
	}
	if a := f.Events[2].Assign; a.ValueOff <= 0 || string(m.Src[a.ValueOff:a.ValueEnd]) != `int.from_bytes(os.urandom(2), "big")` {
		t.Errorf("value span %+v", a)
	}
}

// TestModelWithAndReturn: the names a with statement binds are
// assignments (with their call's target), and return statements keep
// their value and the number of events before them.
func TestModelWithAndReturn(t *testing.T) {
	m := mustParse(t, `def load(p):
    with mp.Pool(4) as pool, open(p) as fh, lock:
        rows = pool.map(parse, fh)
    async with (session() as s, x as (a, b)):
        pass
    df = pd.read_csv(p)
    if df.empty:
        return None
    return df, rows.pop()

def g():
    return
`)
	f := m.Funcs["load"]
	var got []string
	for _, e := range f.Events {
		if a := e.Assign; a != nil {
			got = append(got, fmt.Sprintf("%s=%s|%s", a.Target, a.Value, m.Src[a.ValueOff:a.ValueEnd]))
		}
		if c := e.Call; c != nil && c.Target != "" {
			got = append(got, c.Callee+"->"+c.Target)
		}
	}
	want := []string{"pool=mp.Pool(4)|mp.Pool(4)", "fh=open(p)|open(p)", "mp.Pool->pool", "open->fh", "rows=pool.map(parse, fh)|pool.map(parse, fh)",
		"pool.map->rows", "s=session()|session()", "session->s", "df=pd.read_csv(p)|pd.read_csv(p)", "pd.read_csv->df"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("events:\n got %q\nwant %q", got, want)
	}
	var rets []string
	for _, r := range f.Returns {
		rets = append(rets, fmt.Sprintf("%s@%d:%d", r.Value, r.Pos.Line, r.At))
	}
	if fmt.Sprint(rets) != "[None@8:10 df, rows.pop()@9:10]" || len(m.Funcs["g"].Returns) != 0 {
		t.Errorf("returns %q %+v", rets, m.Funcs["g"].Returns)
	}
}

func TestModelClassBases(t *testing.T) {
	m := mustParse(t, "class A(nn.Module, Mixin, metaclass=Meta):\n    pass\nclass B: pass\nclass C(A): x = 1\n")
	if fmt.Sprint(m.Bases["A"]) != "[nn.Module Mixin]" || len(m.Bases["B"]) != 0 || fmt.Sprint(m.Bases["C"]) != "[A]" {
		t.Errorf("bases %q", m.Bases)
	}
}

func TestStringValue(t *testing.T) {
	for in, want := range map[string]string{
		`"org/name"`:          "org/name",
		`'a' "b"`:             "ab",
		`r"C:\x"`:             `C:\x`,
		`"tab\there"`:         "tab\there",
		`"\x41\u00e9"`:        "Aé",
		`"""doc"""`:           "doc",
		"(\n 'a'\n 'b')":      "",
		`"unknown \d escape"`: `unknown \d escape`,
		`u"x"`:                "x",
	} {
		got, ok := StringValue(in)
		if want == "" {
			if ok {
				t.Errorf("StringValue(%q) = %q, want not a literal", in, got)
			}
			continue
		}
		if !ok || got != want {
			t.Errorf("StringValue(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{`f"{x}"`, `b"x"`, `x`, `"a" + b`, `""""`, ``} {
		if v, ok := StringValue(in); ok {
			t.Errorf("StringValue(%q) = %q, want not a literal", in, v)
		}
	}
}

// moduleFuncs lists every function of m.
func moduleFuncs(m *Module) []*Func {
	fs := []*Func{}
	if m.Main != nil {
		fs = append(fs, m.Main)
	}
	for _, f := range m.Funcs {
		fs = append(fs, f)
	}
	return fs
}

func TestModelParamAnnotations(t *testing.T) {
	m := mustParse(t, "def g(fabric: L.Fabric, n: Dict[str, int] = {}, *, s: 'T' = 1, k=v == 2): pass\n")
	var got []string
	for _, p := range m.Funcs["g"].Params {
		got = append(got, p.Name+"|"+p.Annotation+"|"+p.Default)
	}
	want := []string{"fabric|L.Fabric|", "n|Dict[str, int]|{}", "s||", "k||v == 2"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("params:\n got %q\nwant %q", got, want)
	}
}

func TestSplitTopLevel(t *testing.T) {
	for in, want := range map[string]string{
		"a, b":                        "a|b",
		"args.m, args.revision":       "args.m|args.revision",
		`f(b, c), [d, e], "x, y"`:     `f(b, c)|[d, e]|"x, y"`,
		"a,":                          "a",
		"x":                           "x",
		"{'k': (1, 2)}, lambda: (3,)": "{'k': (1, 2)}|lambda: (3,)",
	} {
		if got := strings.Join(SplitTopLevel(in), "|"); got != want {
			t.Errorf("SplitTopLevel(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTooManyNestedParentheses: like CPython's tokenizer (MAXLEVEL), more
// than 200 nested brackets are an error. Without the limit a 200 KB file of
// nested calls cost minutes and gigabytes (each call's arguments were read
// to the end of the nesting).
func TestTooManyNestedParentheses(t *testing.T) {
	deep := func(n int) []byte {
		return []byte("x = " + strings.Repeat("f(", n) + "1" + strings.Repeat(")", n) + "\n")
	}
	if _, err := Parse(deep(200)); err != nil {
		t.Errorf("200 levels: %v", err)
	}
	for _, n := range []int{201, 100000} {
		if _, err := Parse(deep(n)); err == nil || !strings.Contains(err.Error(), "too many nested parentheses") {
			t.Errorf("%d levels: %v", n, err)
		}
	}
	if _, err := TokenizeOptions(deep(201), Options{Legacy: true}); err != nil {
		t.Errorf("legacy tokenize (Python <= 3.11's tokenize has no limit): %v", err)
	}
}
