package dockerfile

import (
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

func TestParseImage(t *testing.T) {
	for _, tc := range []struct {
		ref  string
		want Image
	}{
		{"python", Image{Name: "python"}},
		{"python:3.10-slim", Image{Name: "python", Tag: "3.10-slim"}},
		{"localhost:5000/org/img", Image{Name: "localhost:5000/org/img"}},
		{"localhost:5000/org/img:1.2", Image{Name: "localhost:5000/org/img", Tag: "1.2"}},
		{"python:3.11@sha256:" + strings.Repeat("a", 64), Image{Name: "python", Tag: "3.11", Digest: "sha256:" + strings.Repeat("a", 64)}},
		{"python@sha256:abc", Image{Name: "python", Digest: "sha256:abc"}},
	} {
		if got := ParseImage(tc.ref); got != tc.want {
			t.Errorf("ParseImage(%q) = %+v, want %+v", tc.ref, got, tc.want)
		}
		if got := ParseImage(tc.ref).String(); got != tc.ref {
			t.Errorf("String() = %q, want %q", got, tc.ref)
		}
	}
	if !ParseImage("SCRATCH").Scratch() || ParseImage("scratch:1").Scratch() {
		t.Error("Scratch")
	}
	if !ValidDigest("sha256:"+strings.Repeat("0", 64)) || ValidDigest("sha256:abc") || ValidDigest("md5:"+strings.Repeat("0", 32)) {
		t.Error("ValidDigest")
	}
}

func TestParseStagesAndArgs(t *testing.T) {
	src := `# syntax=docker/dockerfile:1
ARG PY=3.10
ARG BASE=python:${PY}-slim
ARG NODEFAULT
FROM --platform=$BUILDPLATFORM ${BASE} AS Builder
RUN echo hi
FROM builder
FROM ${NODEFAULT}
FROM scratch
`
	f := Parse([]byte(src))
	if len(f.Errors) != 0 {
		t.Fatalf("errors: %v", f.Errors)
	}
	if len(f.MetaArgs) != 3 || *f.MetaArgs[1].Default != "python:3.10-slim" || f.MetaArgs[2].Default != nil {
		t.Fatalf("meta args: %+v", f.MetaArgs)
	}
	if len(f.Stages) != 4 {
		t.Fatalf("stages: %d", len(f.Stages))
	}
	s0 := f.Stages[0]
	if s0.Name != "builder" || s0.Base != "python:3.10-slim" || s0.Platform != "$BUILDPLATFORM" || s0.Line != 5 || s0.Image.Tag != "3.10-slim" {
		t.Errorf("stage 0: %+v", s0)
	}
	if len(s0.Commands) != 1 || s0.Commands[0].Line != 6 {
		t.Errorf("stage 0 commands: %+v", s0.Commands)
	}
	if f.Stages[1].Parent != s0 {
		t.Errorf("FROM builder does not name the earlier stage")
	}
	if got := f.Stages[2].Unresolved; !reflect.DeepEqual(got, []string{"NODEFAULT"}) {
		t.Errorf("unresolved = %v", got)
	}
	if !f.Stages[3].Image.Scratch() {
		t.Error("scratch")
	}
	if f.StageByRef("BUILDER") != s0 || f.StageByRef("0") != s0 || f.StageByRef("nope") != nil {
		t.Error("StageByRef")
	}
}

func TestParseErrorsKeepGoing(t *testing.T) {
	src := "FROM python:3.11\nCOPY onlyone\nRUN echo ok\nFROM a b c d\nUSER app\n"
	f := Parse([]byte(src))
	var lines []int
	for _, e := range f.Errors {
		lines = append(lines, e.Line)
	}
	if !reflect.DeepEqual(lines, []int{2, 4}) {
		t.Fatalf("error lines = %v (%v)", lines, f.Errors)
	}
	if len(f.Stages) != 1 || len(f.Stages[0].Commands) != 2 {
		t.Fatalf("the rest of the file is still read: %+v", f.Stages)
	}
	// Before FROM, and an empty file.
	if f := Parse([]byte("RUN x\nFROM a:1\n")); len(f.Errors) != 1 || f.Errors[0].Line != 1 {
		t.Errorf("instruction before FROM: %v", f.Errors)
	}
	if f := Parse(nil); len(f.Errors) != 1 {
		t.Errorf("empty file: %v", f.Errors)
	}
	// A whole-file parser error keeps a line.
	if f := Parse([]byte("FROM a:1\nRUN <<EOF\nunterminated\n")); len(f.Stages) == 0 && len(f.Errors) == 0 {
		t.Errorf("unterminated heredoc gives neither stages nor errors")
	}
}

func calls(t *testing.T, src string) []Call {
	t.Helper()
	s, err := ParseShell(src)
	if err != nil {
		t.Fatalf("ParseShell(%q): %v", src, err)
	}
	return s.Calls
}

func TestParseShell(t *testing.T) {
	cs := calls(t, "apt-get update && \\\n sudo -E env DEBIAN_FRONTEND=noninteractive apt-get install -y 'curl' \"git\" && rm -rf /var/lib/apt/lists/*")
	var got [][]string
	for _, c := range cs {
		got = append(got, c.Args)
	}
	want := [][]string{{"apt-get", "update"}, {"apt-get", "install", "-y", "curl", "git"}, {"rm", "-rf", "/var/lib/apt/lists/*"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("calls = %q, want %q", got, want)
	}
	// Environment runners.
	for _, src := range []string{"conda run -n env --no-capture-output pip install x", "micromamba run -n base pip install x", "poetry run pip install x"} {
		cs = calls(t, src)
		if len(cs) != 1 || strings.Join(cs[0].Args, " ") != "pip install x" {
			t.Errorf("%q: %+v", src, cs)
		}
	}
	// sh -c with a nested script.
	cs = calls(t, `bash -ec "pip install numpy; echo done"`)
	if len(cs) != 3 || cs[1].Args[0] != "pip" || !cs[1].Nested {
		t.Errorf("sh -c: %+v", cs)
	}
	// The ">=" trap: the shell reads a redirection.
	cs = calls(t, "pip install numpy>=1.2")
	if len(cs) != 1 || len(cs[0].Args) != 3 || len(cs[0].Redirs) != 1 || cs[0].Redirs[0].Word != "=1.2" {
		t.Errorf("redirection: %+v", cs)
	}
	// Dynamic words are kept as source.
	cs = calls(t, "pip install $PKGS \"${EXTRA}\"")
	if !Dynamic(cs[0].Args[2]) || !Dynamic(cs[0].Args[3]) {
		t.Errorf("dynamic: %q", cs[0].Args)
	}
	// Lines inside a multi-line script.
	cs = calls(t, "set -e\n\npip install x\n")
	if cs[1].Line != 3 {
		t.Errorf("line = %d", cs[1].Line)
	}
	if _, err := ParseShell("echo 'unterminated"); err == nil {
		t.Error("syntax error not reported")
	} else if e, ok := err.(Error); !ok || e.Line != 1 {
		t.Errorf("error %v", err)
	}
}

func TestPipesToShell(t *testing.T) {
	for src, want := range map[string]int{
		"curl -fsSL https://x/install.sh | sh":                    1,
		"wget -qO- https://x | sudo bash -s -- --yes":             1,
		"curl https://x | tee /tmp/i | sh":                        1,
		"curl -sSL https://install.python-poetry.org | python3 -": 1,
		`sh -c "$(curl -fsSL https://x)"`:                         1,
		"bash <(curl -s https://x)":                               1,
		"curl -o f https://x && sha256sum -c sums && sh f":        0,
		"curl https://x | tar xz":                                 0,
		"echo hi | sh":                                            0,
	} {
		s, err := ParseShell(src)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if len(s.Pipes) != want {
			t.Errorf("%q: %d pipes, want %d", src, len(s.Pipes), want)
		}
	}
}

func TestRunScripts(t *testing.T) {
	src := "FROM a:1\nRUN <<EOF\napt-get update\npip install x\nEOF\nRUN python3 <<EOF\nimport os\nEOF\nRUN bash <<EOF\npip install y\nEOF\nRUN [\"pip\", \"install\", \"z\"]\nRUN --mount=type=cache,target=/root/.cache/pip pip install w\n"
	f := Parse([]byte(src))
	if len(f.Errors) > 0 {
		t.Fatal(f.Errors)
	}
	var got []string
	for _, c := range f.Stages[0].Commands {
		rc := c.Inst.(*instructions.RunCommand)
		for _, s := range RunScripts(rc) {
			if s.Exec {
				got = append(got, "exec:"+strings.Join(s.Args, " "))
			} else {
				got = append(got, strings.TrimSpace(s.Src))
			}
		}
	}
	want := []string{"apt-get update\npip install x", "python3 <<EOF\nimport os\nEOF", "bash <<EOF\npip install y\nEOF", "pip install y", "exec:pip install z", "pip install w"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("scripts = %q, want %q", got, want)
	}
	last := f.Stages[0].Commands[4].Inst.(*instructions.RunCommand)
	ms := Mounts(last)
	if len(ms) != 1 || ms[0].Type != instructions.MountTypeCache || ms[0].Target != "/root/.cache/pip" {
		t.Errorf("mounts = %+v", ms)
	}
}

// where lists "word@line:col" for every word of every call of the RUN
// instructions of a Dockerfile.
func where(t *testing.T, src string) []string {
	t.Helper()
	f := Parse([]byte(src))
	if len(f.Errors) > 0 {
		t.Fatalf("errors: %v", f.Errors)
	}
	var out []string
	for _, st := range f.Stages {
		for _, c := range st.Commands {
			for _, rs := range f.Scripts(c) {
				s, err := rs.Parse()
				if err != nil {
					t.Fatalf("line %d: %v", c.Line, err)
				}
				for _, call := range s.Calls {
					for i, a := range call.Args {
						p := call.ArgPos(i)
						out = append(out, fmt.Sprintf("%s@%d:%d", a, p.Line, p.Col))
					}
				}
			}
		}
	}
	return out
}

// Words are placed on the line and column where they are written, through
// line continuations (and the comment and blank lines the Docker parser
// drops inside them), heredocs, "sh -c" strings and the exec form.
func TestScriptPositions(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"continuations", "FROM a:1\nRUN apt-get update \\\n && apt-get install -y \\\n      python3-pip=1 \\\n && pip3 install torch==2 torchvision\n",
			[]string{"apt-get@2:5", "update@2:13", "apt-get@3:5", "install@3:13", "-y@3:21", "python3-pip=1@4:7", "pip3@5:5", "install@5:10", "torch==2@5:18", "torchvision@5:27"}},
		{"comments and blank lines inside", "FROM a:1\n  RUN pip install \\\n    # the model\n\n    torch \\\n\t  numpy\n",
			[]string{"pip@2:7", "install@2:11", "torch@5:5", "numpy@6:4"}},
		{"wrappers keep positions", "FROM a:1\nRUN sudo -E \\\n  pip install x\n",
			[]string{"pip@3:3", "install@3:7", "x@3:15"}},
		{"heredocs", "FROM a:1\nRUN <<EOF\nset -e\npip install x\nEOF\nRUN bash <<A && bash <<B\necho a\nA\npip install b\nB\n",
			[]string{"set@3:1", "-e@3:5", "pip@4:1", "install@4:5", "x@4:13", "bash@6:5", "bash@6:17", "echo@7:1", "a@7:6", "pip@9:1", "install@9:5", "b@9:13"}},
		{"sh -c across lines", "FROM a:1\nRUN bash -c 'apt-get update && \\\n   pip install y'\n",
			[]string{"bash@2:5", "-c@2:10", "apt-get update &&    pip install y@2:13", "apt-get@2:14", "update@2:22", "pip@3:4", "install@3:8", "y@3:16"}},
		{"double quotes with escapes map to the word", "FROM a:1\nRUN sh -c \"pip install \\\"z\\\"\"\n",
			[]string{"sh@2:5", "-c@2:8", "pip install \"z\"@2:11", "pip@2:11", "install@2:11", "z@2:11"}},
		{"exec form", "FROM a:1\nRUN [\"pip\", \\\n  \"install\", \"w\"]\nRUN [\"sh\", \"-c\", \"pip install v\"]\n",
			[]string{"pip@2:7", "install@3:4", "w@3:15", "sh@4:7", "-c@4:13", "pip install v@4:19", "pip@4:19", "install@4:23", "v@4:31"}},
		{"escape directive", "# escape=`\nFROM a:1\nRUN pip install `\n  u\n",
			[]string{"pip@3:5", "install@3:9", "u@4:3"}},
	} {
		if got := where(t, tc.src); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, got, tc.want)
		}
	}
}

// A syntax error in a RUN line is placed on its Dockerfile line.
func TestScriptErrorLines(t *testing.T) {
	for src, want := range map[string]int{
		"FROM a:1\nRUN echo ok && \\\n  echo 'open\n":  3,
		"FROM a:1\nRUN <<EOF\necho ok\nif then\nEOF\n": 4,
	} {
		f := Parse([]byte(src))
		c := f.Stages[0].Commands[0]
		var got []int
		for _, rs := range f.Scripts(c) {
			if _, err := rs.Parse(); err != nil {
				got = append(got, err.(Error).Line)
			}
		}
		if len(got) != 1 || got[0] != want {
			t.Errorf("%q: error lines %v, want %d", src, got, want)
		}
	}
}

func TestFindLine(t *testing.T) {
	f := Parse([]byte("FROM a:1\nRUN apt-get update && \\\n    apt-get install -y \\\n      curl\n"))
	if got := f.FindLine(2, 4, "curl"); got != 4 {
		t.Errorf("FindLine = %d", got)
	}
	if got := f.FindLine(2, 4, "absent"); got != 2 {
		t.Errorf("FindLine fallback = %d", got)
	}
}

func TestLocate(t *testing.T) {
	f := Parse([]byte("FROM a:1 AS a\nADD --checksum=sha256:00 \\\n    https://x/a.tar /a/\nCOPY --from=a /a /b\nUSER 0\n"))
	for _, tc := range []struct {
		line int
		word string
		want Pos
	}{
		{1, "a:1", Pos{1, 6}}, {1, "a", Pos{1, 13}}, {2, "https://x/a.tar", Pos{3, 5}}, {4, "a", Pos{4, 13}},
		{5, "0", Pos{5, 6}}, {5, "absent", Pos{5, 0}},
	} {
		if got := f.Locate(tc.line, tc.word); got != tc.want {
			t.Errorf("Locate(%d, %q) = %+v, want %+v", tc.line, tc.word, got, tc.want)
		}
	}
}

func TestPlatformArgsAndPlausibleRefs(t *testing.T) {
	src := "ARG DEBUG\nFROM alpine:3.19 AS bin-linux\nFROM bin-$TARGETOS${DEBUG:+-debug}\nFROM python:${PY}\n"
	f := Parse([]byte(src))
	if f.Stages[1].Parent != f.Stages[0] {
		t.Errorf("bin-$TARGETOS does not resolve to the stage: %+v", f.Stages[1])
	}
	if PlausibleRef(f.Stages[2].Base) || !PlausibleRef(f.Stages[1].Base) {
		t.Errorf("plausible: %q %q", f.Stages[1].Base, f.Stages[2].Base)
	}
	for ref, want := range map[string]bool{"": false, "python": true, "a/b:1@sha256:x": true, "a:": false, "/a": false, "a//b": false, "a:@x": false, "a b": false,
		"1.dkr.ecr..amazonaws.com/pt:2.1": false, "1.dkr.ecr.us-east-1.amazonaws.com/pt:2.1": true, "localhost:5000/team/img:1": true,
		"reg.io/-img:1": false, "reg.io/img.:1": false, ".reg.io/img": false, "my_org/img__x:1.0": true, "python:3.11-slim": true} {
		if PlausibleRef(ref) != want {
			t.Errorf("PlausibleRef(%q) != %v", ref, want)
		}
	}
	// A fragment without FROM gives one error, not one per line.
	if f := Parse([]byte("ADD . /app\nRUN make\nENV A=1\n")); len(f.Errors) != 1 || f.Errors[0].Line != 1 {
		t.Errorf("fragment errors: %v", f.Errors)
	}
}

// TestParseWritesNothing: Docker's word lexer (text/scanner) prints
// "<input>:1:5: invalid UTF-8 encoding" to os.Stderr by default; a library
// must not, so Parse reads such bytes as U+FFFD and returns the lines.
func TestParseWritesNothing(t *testing.T) {
	cases := []struct {
		src  string
		want string // File.Encoding
	}{
		{"FROM a\nRUN <<EOF \xff\nx\nEOF\n", "[line 2: a byte that is not UTF-8]"},
		{"FROM a\nRUN <<EO\xffF bash\nx\nEO\xffF\n", "[line 2: a byte that is not UTF-8 line 4: a byte that is not UTF-8]"},
		{"FROM a\nRUN <<EOF \x00\nx\nEOF\n", "[line 2: a NUL byte]"},
		{"ARG B=py\xfe\nFROM ${B}\nRUN echo \xff\xfe\n", "[line 1: a byte that is not UTF-8 line 3: a byte that is not UTF-8]"},
		{"FROM a\nENV D=/x\xff\nWORKDIR $D\nCOPY <<EOF $D/y\n\xff\nEOF\n", "[line 2: a byte that is not UTF-8 line 5: a byte that is not UTF-8]"},
		{"\xef\xbb\xbfFROM a\nRUN echo \"\xef\xbf\xbd\"\n", "[]"},
	}
	for _, c := range cases {
		var f *File
		out := stderrOf(t, func() {
			f = Parse([]byte(c.src))
			for _, st := range f.Stages {
				for _, cmd := range st.Commands {
					for _, s := range f.Scripts(cmd) {
						_, _ = s.Parse()
					}
					_, _ = f.Expand("$D/\xff", map[string]string{"D": "/x"})
				}
			}
		})
		if out != "" {
			t.Errorf("%q: wrote %q to os.Stderr", c.src, out)
		}
		if got := fmt.Sprint(f.Encoding); got != c.want {
			t.Errorf("%q: Encoding = %s, want %s", c.src, got, c.want)
		}
		for _, l := range f.Lines {
			if !lexable(l) {
				t.Errorf("%q: line %q kept its invalid bytes", c.src, l)
			}
		}
	}
	// Docker's own warnings are returned too.
	f := Parse([]byte("FROM a\nRUN echo a \\\n\n  b\n"))
	if got := fmt.Sprint(f.Warnings); !strings.Contains(got, "Empty continuation line") {
		t.Errorf("Warnings = %s, want the empty continuation line", got)
	}
}

// stderrOf runs fn with os.Stderr redirected and returns what it wrote.
func stderrOf(t *testing.T, fn func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stderr
	os.Stderr = w
	defer func() { os.Stderr = old }()
	done := make(chan []byte)
	go func() { b, _ := io.ReadAll(r); done <- b }()
	fn()
	w.Close()
	return string(<-done)
}

// TestStageVars: what a stage's instructions see: the ENV of the stages
// it is built FROM (not their ARGs), its own ARGs (a value, or the
// default declared before the first FROM) and ENVs, values expanded.
func TestStageVars(t *testing.T) {
	f := Parse([]byte("ARG PY=3.11\nARG NONE\nFROM python:${PY} AS base\nARG PY\nARG LOCAL=x\nENV HOME_DIR=/srv/$PY ROOT=$UNSET/r\n" +
		"FROM base\nARG NONE\nENV APP=$HOME_DIR/app\n"))
	got := map[string]string{}
	for _, st := range f.Stages {
		v := f.StageVars(st)
		for _, c := range st.Commands {
			v.Apply(c)
		}
		got[st.Name+"|"+fmt.Sprint(len(got))] = fmt.Sprint(v.Map())
	}
	want := map[string]string{
		"base|0": "map[HOME_DIR:/srv/3.11 LOCAL:x PY:3.11 ROOT:$UNSET/r]",
		"|1":     "map[APP:/srv/3.11/app HOME_DIR:/srv/3.11 ROOT:$UNSET/r]",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
}

// TestParseShellTooDeep: brackets nested thousands deep are refused, not
// parsed (see maxBrackets).
func TestParseShellTooDeep(t *testing.T) {
	_, err := ParseShell("echo " + strings.Repeat("$(", 5000) + strings.Repeat(")", 5000))
	if err == nil || !strings.Contains(err.Error(), "nested") {
		t.Errorf("err = %v", err)
	}
	if _, err := ParseShell("echo $(echo $(echo ${A:-$(date)}))"); err != nil {
		t.Errorf("a few levels: %v", err)
	}
}
