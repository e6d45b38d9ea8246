package python

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/git-repro/git-repro/internal/testenv"
)

// oracle is a long-running python3 process that tokenizes with CPython's
// tokenize module (testdata/pytokens.py).
type oracle struct {
	mu      sync.Mutex
	cmd     *exec.Cmd
	in      io.WriteCloser
	out     *bufio.Reader
	version [2]int
	python  string
}

type oracleAnswer struct {
	OK       bool    `json:"ok"`
	Compiles bool    `json:"compiles"`
	Err      string  `json:"err"`
	Enc      string  `json:"enc"`
	Toks     [][]any `json:"toks"`
}

// pyTok is a token as compared: kind name and positions.
type pyTok struct {
	Kind           string
	SL, SC, EL, EC int32
}

func (t pyTok) String() string {
	return fmt.Sprintf("%s (%d,%d)-(%d,%d)", t.Kind, t.SL, t.SC, t.EL, t.EC)
}

// pythonPath is the interpreter the differential tests use:
// $GIT_REPRO_PYTHON, else python3 on PATH.
func pythonPath() string {
	if p := os.Getenv("GIT_REPRO_PYTHON"); p != "" {
		return p
	}
	p, err := exec.LookPath("python3")
	if err != nil {
		return ""
	}
	return p
}

func startOracle(tb testing.TB) *oracle {
	tb.Helper()
	py := pythonPath()
	if py == "" {
		testenv.Missing(tb, "python3 not found; differential tokenizer tests need CPython")
	}
	cmd := exec.Command(py, "-I", "testdata/pytokens.py")
	cmd.Stderr = os.Stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		tb.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		testenv.Missing(tb, "cannot start %s: %v", py, err)
	}
	o := &oracle{cmd: cmd, in: in, out: bufio.NewReaderSize(out, 1<<20), python: py}
	tb.Cleanup(func() { in.Close(); cmd.Wait() })
	var hello struct{ Version [2]int }
	line, err := o.out.ReadBytes('\n')
	if err != nil || json.Unmarshal(line, &hello) != nil {
		tb.Fatalf("python oracle did not start: %v %q", err, line)
	}
	o.version = hello.Version
	return o
}

// fstrings reports whether the oracle's Python emits FSTRING_* tokens.
func (o *oracle) fstrings() bool { return o.version[0] > 3 || o.version[0] == 3 && o.version[1] >= 12 }

func (o *oracle) ask(tb testing.TB, req []byte) oracleAnswer {
	tb.Helper()
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, err := o.in.Write(req); err != nil {
		tb.Fatal(err)
	}
	line, err := o.out.ReadBytes('\n')
	if err != nil {
		tb.Fatalf("python oracle: %v", err)
	}
	var a oracleAnswer
	if err := json.Unmarshal(line, &a); err != nil {
		tb.Fatalf("python oracle answer: %v", err)
	}
	return a
}

func (o *oracle) file(tb testing.TB, path string) oracleAnswer {
	return o.ask(tb, []byte("F "+path+"\n"))
}

func (o *oracle) source(tb testing.TB, src []byte) oracleAnswer {
	req := fmt.Appendf(nil, "S %d\n", len(src))
	return o.ask(tb, append(req, src...))
}

// pyOps are the operators of Python 3.12+ (tokenize's EXACT_TOKEN_TYPES).
var pyOps = map[string]bool{}

func init() {
	for _, op := range strings.Fields("! % & ( ) * + , - . / : ; < = > @ [ ] ^ { | } ~ != %= &= ** *= += -= -> // /= := << <= == >= >> @= ^= |= **= ... //= <<= >>=") {
		pyOps[op] = true
	}
}

// strayOp reports an OP token whose text is not an operator: CPython 3.12+
// reports a character that is not Python ("$", "?") that way.
func strayOp(a oracleAnswer) bool {
	for _, t := range a.Toks {
		if len(t) > 5 {
			if s, _ := t[5].(string); !pyOps[s] {
				return true
			}
		}
	}
	return false
}

// normalPy returns Python's tokens as compared: FSTRING_MIDDLE dropped
// (its text and position rules for "{{" are CPython internals).
func normalPy(a oracleAnswer) []pyTok {
	var ts []pyTok
	for _, t := range a.Toks {
		k, _ := t[0].(string)
		if k == "FSTRING_MIDDLE" {
			continue
		}
		num := func(i int) int32 { f, _ := t[i].(float64); return int32(f) }
		ts = append(ts, pyTok{k, num(1), num(2), num(3), num(4)})
	}
	return ts
}

// normalGo returns our tokens as compared. collapse turns each f-string
// (FSTRING_START ... FSTRING_END) into one STRING token, as Python <= 3.11
// reports it.
func normalGo(toks []Token, collapse bool) []pyTok {
	var ts []pyTok
	depth := 0
	var start Pos
	for _, t := range toks {
		if collapse {
			switch t.Kind {
			case FStringStart:
				if depth == 0 {
					start = t.Start
				}
				depth++
				continue
			case FStringEnd:
				depth--
				if depth == 0 {
					ts = append(ts, pyTok{"STRING", start.Line, start.Col, t.End.Line, t.End.Col})
				}
				continue
			}
			if depth > 0 {
				continue
			}
		}
		if t.Kind == FStringMiddle {
			continue
		}
		ts = append(ts, pyTok{t.Kind.String(), t.Start.Line, t.Start.Col, t.End.Line, t.End.Col})
	}
	return ts
}

// diffToks describes the first difference between want (Python) and got.
func diffToks(want, got []pyTok) string {
	for i := 0; i < len(want) || i < len(got); i++ {
		var w, g pyTok
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			lo := max(0, i-3)
			return fmt.Sprintf("token %d: python %v, ours %v\npython around: %v\nours around:   %v",
				i, w, g, want[lo:min(len(want), i+3)], got[lo:min(len(got), i+3)])
		}
	}
	return ""
}

// stdlibCorpus lists the .py files of the oracle Python's standard library,
// in a stable order, leaving out test data that is deliberately not valid
// Python 3 (lib2to3 fixtures, bad-syntax tests).
func stdlibCorpus(tb testing.TB, py string) []string {
	tb.Helper()
	out, err := exec.Command(py, "-I", "-c", `import sysconfig;print(sysconfig.get_paths()["stdlib"])`).Output()
	if err != nil {
		testenv.Missing(tb, "python stdlib path: %v", err)
	}
	root := strings.TrimSpace(string(out))
	var files []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if name == "site-packages" || name == "dist-packages" || strings.Contains(name, "lib2to3") || name == "__pycache__" {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".py") && !strings.Contains(name, "bad") {
			files = append(files, p)
		}
		return nil
	})
	return files
}
