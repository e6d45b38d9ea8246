package python

import (
	"os"
	"strings"
	"testing"
)

// TestDifferentialStdlib tokenizes files of the Python standard library with
// CPython's tokenize module and with Tokenize, and requires the same token
// kinds and positions. With a Python older than 3.12 (no FSTRING_* tokens)
// it checks Legacy mode exactly and the default mode with each f-string
// collapsed to one STRING; with 3.12+ it checks the default mode exactly
// (FSTRING_MIDDLE aside).
func TestDifferentialStdlib(t *testing.T) {
	o := startOracle(t)
	files := stdlibCorpus(t, o.python)
	want := 600
	if testing.Short() {
		want = 250
	}
	if os.Getenv("GIT_REPRO_TOKENIZER_CORPUS") == "all" {
		want = len(files)
	}
	if len(files) > want {
		step := float64(len(files)) / float64(want)
		var pick []string
		for i := 0; i < want; i++ {
			pick = append(pick, files[int(float64(i)*step)])
		}
		files = pick
	}
	compared, fstrs := 0, 0
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		a := o.file(t, path)
		if a.OK && a.Enc != "utf-8" && a.Enc != "utf-8-sig" {
			continue // not UTF-8 source; Tokenize reads UTF-8
		}
		if !a.OK {
			if strings.HasPrefix(a.Err, "UnicodeDecodeError") || strings.HasPrefix(a.Err, "SyntaxError: invalid or missing encoding") {
				continue
			}
			if _, err := TokenizeOptions(src, Options{Legacy: !o.fstrings()}); err == nil {
				t.Errorf("%s: python rejects it (%s), Tokenize does not", path, a.Err)
			}
			continue
		}
		pt := normalPy(a)
		pyErrTok := false
		for _, tk := range pt {
			pyErrTok = pyErrTok || tk.Kind == "ERRORTOKEN"
		}
		toks, err := TokenizeOptions(src, Options{Legacy: !o.fstrings()})
		if err != nil && !pyErrTok {
			t.Errorf("%s: python tokenizes it, Tokenize says %v", path, err)
			continue
		}
		if d := diffToks(pt, normalGo(toks, false)); d != "" {
			if o.version == [2]int{3, 12} && py312StringColumnBug(pt, normalGo(toks, false)) {
				// CPython 3.12.x (fixed in 3.13) reports a wrong end column
				// for some multi-line strings holding non-ASCII text.
				t.Logf("%s: CPython 3.12 multi-line string column bug: %s", path, d)
				continue
			}
			t.Errorf("%s (legacy=%v): %s", path, !o.fstrings(), d)
			continue
		}
		if o.fstrings() {
			for _, tk := range toks {
				if tk.Kind == FStringStart {
					fstrs++
				}
			}
		}
		if !o.fstrings() && !pyErrTok {
			toks, err := Tokenize(src)
			if err != nil {
				t.Errorf("%s: default mode: %v", path, err)
				continue
			}
			if d := diffToks(pt, normalGo(toks, true)); d != "" {
				t.Errorf("%s (default mode, f-strings collapsed): %s", path, d)
				continue
			}
			for _, tk := range toks {
				if tk.Kind == FStringStart {
					fstrs++
				}
			}
		}
		compared++
	}
	t.Logf("python %d.%d: %d stdlib files compared token for token (%d f-strings in 3.12 form)", o.version[0], o.version[1], compared, fstrs)
	if compared < 200 {
		t.Errorf("only %d files compared, want >= 200", compared)
	}
}

// py312StringColumnBug reports whether the first difference is only the
// end column of a multi-line STRING token.
func py312StringColumnBug(want, got []pyTok) bool {
	for i := 0; i < len(want) && i < len(got); i++ {
		w, g := want[i], got[i]
		if w == g {
			continue
		}
		w.EC = g.EC
		return w == g && w.Kind == "STRING" && w.SL != w.EL
	}
	return false
}

// tricky are valid Python 3.8-3.13 constructs (some 3.12+ only) that the
// standard library rarely or never contains.
var tricky = []string{
	"x = f'{a!r:^{width}.{prec}}' f\"{{}}{b}\" f\"{ {'k': 1}['k'] }\"\n",
	"s = f\"{'\\n'.join(lines)}\"\n",
	"s = f\"\"\"{x\n+ y}\"\"\"\n",
	"s = f\"{x:{'>' if a else '<'}10}\"\n",
	"s = f\"{(lambda: 1)()}\" f'{a[\"b\"]!s:>10}'\n",
	"print(f\"{x=}\", f\"{x = }\", f\"{x=!r:10}\")\n",
	"s = f\"{f'{f\"{1}\"}'}\"\n",
	"s = f\"{f\"{f\"{1}\"}\"}\"\n",
	"s = rf'\\d+{x}' fr\"{y}\\w\" Rf'{z}' F\"{w}\"\n",
	"match cmd:\n    case [\"go\", direction] if direction in dirs:\n        pass\n    case {\"k\": v, **rest}:\n        pass\n    case Point(x=0) | None:\n        pass\n    case _:\n        pass\n",
	"type Vec[T] = list[T]\ndef first[T](xs: Vec[T]) -> T:\n    return xs[0]\nclass Box[T: (int, str)]: ...\n",
	"ys = [y for x in data if (y := f(x)) is not None]\n",
	"if x:\n\tif y:\n\t\tpass\n\telse:\n\t\tz = 1\n",
	"a = '''x\r\ny''' + \\\r\n    b\r\nc = (1,\r\n     2)\r\n",
	"\ufeff# -*- coding: utf-8 -*-\nx = 1\n",
	"n = 0_0 + 1_000.000_1e-1_0j + 0xdead_beef + 0o7_7 + 0b1_0 + .5e+3 + 7.J + 1e5\n",
	"a = b'\\x00' + rb'\\\\' + Rb\"x\" + BR'''y''' + u'z' + U\"w\"\n",
	"@(lambda f: f)\n@decorate(arg=1)\nasync def f(*, a: int = 1, **kw) -> None:\n    await x\n    async with a as b:\n        pass\n    async for i in y:\n        yield i\n",
	"def outer():\n    x = 1\n    def inner():\n        nonlocal x\n        global g\n        x += 1\n    return inner\n",
	"print(*a, **k); x: list[int] = []; del x\nlambda *a, **k: (a, k)\n",
	"café = 1\nπ = 3.14\n变量 = '😀' + \"ü\"  # ñ 😀\nprint(café, π, 变量)\n",
	"x = [1,\n     2,  # comment\n\n     3]\ny = {\n}\n",
	"try:\n    pass\nexcept* ValueError as e:\n    raise\nfinally:\n    pass\n",
	"with (open(a) as f,\n      open(b) as g):\n    pass\n",
	"if True:\n    x = 1\n\n    # trailing comment at deeper indent\n# comment at column 0\n    y = 2\n",
	"x = 1 \\\n    + 2\nclass A(B, metaclass=M):\n    '''doc'''\n    def m(self): return self\n",
	"s = 'a\\\nb'\n",
	"def f():\n    return f'''\n    {x!r}\n    {{literal}}\n    {y:>{w}}\n    '''\n",
}

// TestDifferentialTricky compares the tricky snippets with CPython where
// CPython accepts them (with 3.11 in Legacy mode, with 3.12+ by default).
func TestDifferentialTricky(t *testing.T) {
	o := startOracle(t)
	compared := 0
	for _, src := range tricky {
		a := o.source(t, []byte(src))
		if !a.OK || strayOp(a) || o.fstrings() && !a.Compiles {
			continue
		}
		pt := normalPy(a)
		skip := false
		for _, tk := range pt {
			skip = skip || tk.Kind == "ERRORTOKEN"
		}
		if skip {
			continue
		}
		toks, err := TokenizeOptions([]byte(src), Options{Legacy: !o.fstrings()})
		if err != nil {
			t.Errorf("%q: python tokenizes it, we say %v", src, err)
			continue
		}
		if d := diffToks(pt, normalGo(toks, false)); d != "" {
			t.Errorf("%q: %s", src, d)
		}
		compared++
	}
	t.Logf("python %d.%d: %d of %d snippets compared", o.version[0], o.version[1], compared, len(tricky))
	if compared < len(tricky)/2 {
		t.Errorf("only %d snippets compared", compared)
	}
}
