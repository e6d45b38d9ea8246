package python

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

// render lists tokens as "KIND l:c-l:c", leaving out FSTRING_MIDDLE.
func render(toks []Token) string {
	var b strings.Builder
	for _, t := range toks {
		if t.Kind == FStringMiddle {
			continue
		}
		fmt.Fprintf(&b, "%s %d:%d-%d:%d|", t.Kind, t.Start.Line, t.Start.Col, t.End.Line, t.End.Col)
	}
	return b.String()
}

// The expected streams below are CPython 3.13's tokenize output for the same
// source, FSTRING_MIDDLE tokens left out.
func TestFStrings312(t *testing.T) {
	cases := []struct{ src, want string }{
		{
			"x = f\"a{f\"{y!r:>{w}}\"}b{{c}}\"\n",
			"NAME 1:0-1:1|OP 1:2-1:3|FSTRING_START 1:4-1:6|OP 1:7-1:8|FSTRING_START 1:8-1:10|OP 1:10-1:11|NAME 1:11-1:12|OP 1:12-1:13|NAME 1:13-1:14|OP 1:14-1:15|OP 1:16-1:17|NAME 1:17-1:18|OP 1:18-1:19|OP 1:19-1:20|FSTRING_END 1:20-1:21|OP 1:21-1:22|FSTRING_END 1:28-1:29|NEWLINE 1:29-1:30|ENDMARKER 2:0-2:0|",
		},
		{
			"s = f\"\"\"\n{\n  a +\n  b\n}x\"\"\"\n",
			"NAME 1:0-1:1|OP 1:2-1:3|FSTRING_START 1:4-1:8|OP 2:0-2:1|NL 2:1-2:2|NAME 3:2-3:3|OP 3:4-3:5|NL 3:5-3:6|NAME 4:2-4:3|NL 4:3-4:4|OP 5:0-5:1|FSTRING_END 5:2-5:5|NEWLINE 5:5-5:6|ENDMARKER 6:0-6:0|",
		},
		{
			"f\"{x:=5}\" f\"{(x:=5)}\" f\"{a[\"k\"]}\" rf\"\\{y}\"\n",
			"FSTRING_START 1:0-1:2|OP 1:2-1:3|NAME 1:3-1:4|OP 1:4-1:5|OP 1:7-1:8|FSTRING_END 1:8-1:9|FSTRING_START 1:10-1:12|OP 1:12-1:13|OP 1:13-1:14|NAME 1:14-1:15|OP 1:15-1:17|NUMBER 1:17-1:18|OP 1:18-1:19|OP 1:19-1:20|FSTRING_END 1:20-1:21|FSTRING_START 1:22-1:24|OP 1:24-1:25|NAME 1:25-1:26|OP 1:26-1:27|STRING 1:27-1:30|OP 1:30-1:31|OP 1:31-1:32|FSTRING_END 1:32-1:33|FSTRING_START 1:34-1:37|OP 1:38-1:39|NAME 1:39-1:40|OP 1:40-1:41|FSTRING_END 1:41-1:42|NEWLINE 1:42-1:43|ENDMARKER 2:0-2:0|",
		},
	}
	for _, c := range cases {
		toks, err := Tokenize([]byte(c.src))
		if err != nil {
			t.Errorf("%q: %v", c.src, err)
		}
		if got := render(toks); got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.src, got, c.want)
		}
	}
}

func TestFStringMiddleText(t *testing.T) {
	src := []byte(`f"a{x}b{{c}}\N{DASH}{y:>{w}.2f}"` + "\n")
	toks, err := Tokenize(src)
	if err != nil {
		t.Fatal(err)
	}
	var mids []string
	for _, tk := range toks {
		if tk.Kind == FStringMiddle {
			mids = append(mids, tk.Text(src))
		}
	}
	want := []string{"a", `b{{c}}\N{DASH}`, ">", ".2f"}
	if fmt.Sprint(mids) != fmt.Sprint(want) {
		t.Errorf("middles %q, want %q", mids, want)
	}
	// In Legacy mode the whole f-string is one STRING token.
	toks, _ = TokenizeOptions(src, Options{Legacy: true})
	if toks[0].Kind != String || int(toks[0].EndOff) != len(src)-1 {
		t.Errorf("legacy: %v", toks[0])
	}
}

func TestTokenizeSyntax(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"bom crlf", "\ufeffx = 1\r\ny\r\n", "NAME 1:0-1:1|OP 1:2-1:3|NUMBER 1:4-1:5|NEWLINE 1:5-1:7|NAME 2:0-2:1|NEWLINE 2:1-2:3|ENDMARKER 3:0-3:0|"},
		{"tabs", "if a:\n\tb\n\tif c:\n\t\td\n", "NAME 1:0-1:2|NAME 1:3-1:4|OP 1:4-1:5|NEWLINE 1:5-1:6|INDENT 2:0-2:1|NAME 2:1-2:2|NEWLINE 2:2-2:3|NAME 3:1-3:3|NAME 3:4-3:5|OP 3:5-3:6|NEWLINE 3:6-3:7|INDENT 4:0-4:2|NAME 4:2-4:3|NEWLINE 4:3-4:4|DEDENT 5:0-5:0|DEDENT 5:0-5:0|ENDMARKER 5:0-5:0|"},
		{"walrus match", "match (n := f()):\n    case [1, *r]: pass\n", "NAME 1:0-1:5|OP 1:6-1:7|NAME 1:7-1:8|OP 1:9-1:11|NAME 1:12-1:13|OP 1:13-1:14|OP 1:14-1:15|OP 1:15-1:16|OP 1:16-1:17|NEWLINE 1:17-1:18|INDENT 2:0-2:4|NAME 2:4-2:8|OP 2:9-2:10|NUMBER 2:10-2:11|OP 2:11-2:12|OP 2:13-2:14|NAME 2:14-2:15|OP 2:15-2:16|OP 2:16-2:17|NAME 2:18-2:22|NEWLINE 2:22-2:23|DEDENT 3:0-3:0|ENDMARKER 3:0-3:0|"},
		{"decorator hints", "@dec(1)\ndef f(x: int = 0) -> list[int]: ...\n", "OP 1:0-1:1|NAME 1:1-1:4|OP 1:4-1:5|NUMBER 1:5-1:6|OP 1:6-1:7|NEWLINE 1:7-1:8|NAME 2:0-2:3|NAME 2:4-2:5|OP 2:5-2:6|NAME 2:6-2:7|OP 2:7-2:8|NAME 2:9-2:12|OP 2:13-2:14|NUMBER 2:15-2:16|OP 2:16-2:17|OP 2:18-2:20|NAME 2:21-2:25|OP 2:25-2:26|NAME 2:26-2:29|OP 2:29-2:30|OP 2:30-2:31|OP 2:32-2:35|NEWLINE 2:35-2:36|ENDMARKER 3:0-3:0|"},
		{"continuation", "x = 1 + \\\n    2\n", "NAME 1:0-1:1|OP 1:2-1:3|NUMBER 1:4-1:5|OP 1:6-1:7|NUMBER 2:4-2:5|NEWLINE 2:5-2:6|ENDMARKER 3:0-3:0|"},
		{"prefixes", "a = Rb'x' + BR\"\"\"y\n\"\"\" + u'z'\n", "NAME 1:0-1:1|OP 1:2-1:3|STRING 1:4-1:9|OP 1:10-1:11|STRING 1:12-2:3|OP 2:4-2:5|STRING 2:6-2:10|NEWLINE 2:10-2:11|ENDMARKER 3:0-3:0|"},
		{"unicode cols", "é = 'ü' # ñ\n", "NAME 1:0-1:1|OP 1:2-1:3|STRING 1:4-1:7|COMMENT 1:8-1:11|NEWLINE 1:11-1:12|ENDMARKER 2:0-2:0|"},
		{"no final newline", "x  # c", "NAME 1:0-1:1|COMMENT 1:3-1:6|NEWLINE 1:6-1:7|ENDMARKER 2:0-2:0|"},
		{"numbers", "1_000 0x_fF 1.5e-3j .5 1if x else 0o7\n", "NUMBER 1:0-1:5|NUMBER 1:6-1:11|NUMBER 1:12-1:19|NUMBER 1:20-1:22|NUMBER 1:23-1:24|NAME 1:24-1:26|NAME 1:27-1:28|NAME 1:29-1:33|NUMBER 1:34-1:37|NEWLINE 1:37-1:38|ENDMARKER 2:0-2:0|"},
	}
	for _, c := range cases {
		toks, err := Tokenize([]byte(c.src))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
		}
		if got := render(toks); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}

func TestTokenizeErrors(t *testing.T) {
	cases := []struct {
		src       string
		line, col int
		msg       string
	}{
		{"x = '''abc\n\ndef\n", 1, 4, "EOF in multi-line string"},
		{"x = (1,\n 2\n", 3, 0, "EOF in multi-line statement"},
		{"if x:\n    a\n  b\n", 3, 2, "unindent does not match any outer indentation level"},
		{"x = 'abc\n", 1, 4, "unterminated string literal"},
		{"y = f'abc{x}\nz = 1\n", 1, 4, "unterminated f-string literal"},
		{"a $ b\n", 1, 2, "invalid character"},
		{"if x:\n        a\n\tb\n", 3, 1, "inconsistent use of tabs and spaces in indentation"},
		{"x = f'{a:b'\n", 1, 10, "f-string: expecting '}'"},
	}
	for _, c := range cases {
		toks, err := Tokenize([]byte(c.src))
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%q: error %v, want *Error", c.src, err)
			continue
		}
		if e.Line != c.line || e.Col != c.col || e.Msg != c.msg {
			t.Errorf("%q: got %d:%d %q, want %d:%d %q", c.src, e.Line, e.Col, e.Msg, c.line, c.col, c.msg)
		}
		if len(toks) == 0 && c.line > 1 {
			t.Errorf("%q: no tokens before the error", c.src)
		}
	}
}

// checkInvariants holds for every input: tokens are in source order, inside
// the source, and a stream without a fatal error ends with ENDMARKER.
func checkInvariants(t *testing.T, src []byte, toks []Token, err error) {
	t.Helper()
	prev := 0
	for i, tk := range toks {
		if int(tk.Off) < prev || tk.EndOff < tk.Off || int(tk.EndOff) > len(src) {
			t.Fatalf("token %d %v: offsets %d..%d out of order (prev end %d, len %d)", i, tk.Kind, tk.Off, tk.EndOff, prev, len(src))
		}
		if tk.Start.Line > tk.End.Line || tk.Start.Line == tk.End.Line && tk.Start.Col > tk.End.Col && tk.Kind != NL {
			t.Fatalf("token %d %v: start %v after end %v", i, tk.Kind, tk.Start, tk.End)
		}
		prev = int(tk.Off)
	}
	if err == nil && (len(toks) == 0 || toks[len(toks)-1].Kind != EndMarker) {
		t.Fatalf("no ENDMARKER without an error")
	}
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || e.Line < 1 && len(src) > 0 {
			t.Fatalf("error %#v is not a positioned *Error", err)
		}
	}
}

// FuzzTokenize: never panics, keeps its invariants, and where python3 is
// present gives the same kinds and positions as CPython's tokenize: with
// Python <= 3.11 (compared in Legacy mode) on every input it tokenizes
// cleanly (no exception, no ERRORTOKEN); with 3.12+ on every such input
// that CPython also parses as a module.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"x = 1\n", "if a:\n\tb\n", "f'{x!r:>{w}}'\n", "s = '''a\nb'''\n", "x = (1,\n2)", "\ufeffa\r\n",
		"@d\ndef f(x: int) -> None: ...\n", "match x:\n case 1: pass\n", "a = 'b\\\nc'\n", "0777 1if 2\n",
		"f\"{f\"{1}\"}\"\n", "\x0cx\n  \n", "# c", "x\n   ", "(\n# c\n)\n", "\\\n", "é = 1\n",
	} {
		f.Add([]byte(s))
	}
	var o *oracle
	if pythonPath() != "" {
		o = startOracle(f)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		toks, err := Tokenize(src)
		checkInvariants(t, src, toks, err)
		ltoks, lerr := TokenizeOptions(src, Options{Legacy: true})
		checkInvariants(t, src, ltoks, lerr)
		if !utf8.Valid(src) || len(src) > 4096 || loneCR(src) {
			return // CPython's tokenizers disagree with each other on a lone CR
		}
		if o == nil {
			return
		}
		a := o.source(t, src)
		if !a.OK || a.Enc != "utf-8" && a.Enc != "utf-8-sig" {
			return
		}
		pt := normalPy(a)
		for _, tk := range pt {
			if tk.Kind == "ERRORTOKEN" {
				return
			}
		}
		if strayOp(a) {
			return
		}
		if o.fstrings() && !a.Compiles {
			// CPython 3.12+'s tokenize (the C tokenizer) has quirks on
			// input the compiler rejects; compare on valid programs there.
			return
		}
		mine, merr := ltoks, lerr
		if o.fstrings() {
			mine, merr = toks, err
		}
		if merr != nil && o.fstrings() && nonASCIIInvalid(src, mine, merr) {
			// CPython 3.12+'s tokenize takes any non-ASCII character for a
			// NAME and leaves "invalid character" to the compiler; we report it.
			return
		}
		if merr != nil {
			t.Fatalf("python tokenizes %q cleanly, we say %v", src, merr)
		}
		if d := diffToks(pt, normalGo(mine, false)); d != "" {
			t.Fatalf("%q: %s", src, d)
		}
	})
}

// loneCR reports a carriage return not followed by a line feed.
func loneCR(src []byte) bool {
	for i, c := range src {
		if c == '\r' && (i+1 == len(src) || src[i+1] != '\n') {
			return true
		}
	}
	return false
}

// nonASCIIInvalid reports whether err is an "invalid character" error on a
// non-ASCII character.
func nonASCIIInvalid(src []byte, toks []Token, err error) bool {
	var e *Error
	if !errors.As(err, &e) || e.Msg != "invalid character" {
		return false
	}
	for _, tk := range toks {
		if tk.Kind == ErrorToken && int(tk.Start.Line) == e.Line && int(tk.Start.Col) == e.Col {
			return src[tk.Off] >= utf8.RuneSelf
		}
	}
	return false
}
