package shellcmd

import (
	"fmt"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/parse/dockerfile"
)

// words renders the commands that run t.py, one a line: each word after
// the program as its value ("*" after one that took a default), or "?"
// and its source text when it depends on the run.
func words(r *Result) string {
	var out []string
	for _, c := range r.Commands {
		if len(c.Args) < 2 || c.Args[1] != "t.py" {
			continue
		}
		var ws []string
		for _, w := range c.Words[2:] {
			switch {
			case !w.Known:
				ws = append(ws, "?"+w.Value)
			case w.Default:
				ws = append(ws, w.Value+"*")
			default:
				ws = append(ws, w.Value)
			}
		}
		out = append(out, fmt.Sprintf("%d: %s", c.Line, strings.Join(ws, " ")))
	}
	return strings.Join(out, "\n")
}

// TestWords: the values a script's words get from the variables it
// assigns, and those left unknown because they depend on the run.
func TestWords(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"M=org/x\nexport OUT=runs/$M REV=abc\npython t.py --model $M --out \"$OUT\" --rev=${REV} 'a b' $'c'\n",
			"3: --model org/x --out runs/org/x --rev=abc a b ?c"},
		// Defaults: a script's own settings and arguments, not what the
		// shell always sets, nor a variable with no default.
		{"MODEL=${1:-org/a}\npython t.py ${MODEL} ${OTHER:-org/b} ${HOME:-/root} $UNSET $1 \"${E:+x}\"\n",
			"2: org/a* org/b* ?${HOME:-/root} ?$UNSET ?$1 *"},
		{"set -euo pipefail\nset -o nounset +o xtrace\npython t.py ${1:-a}\nset -- b\npython t.py ${1:-a}\n", "3: a*\n5: ?${1:-a}"},
		{"shift\npython t.py ${1:-a} ${2-b}\n", "2: ?${1:-a} ?${2-b}"},
		{": ${M:=org/y}\nM2=\npython t.py $M ${M2:-d} \"${M2-d}\" ${M2-d} x\n", "3: org/y* d  ?${M2-d} x"},
		// Branches: a value all the outcomes agree on.
		{"M=org/a\nif [ -n \"$BIG\" ]; then M=org/b; python t.py $M; fi\npython t.py $M\n" +
			"N=org/c\nif x; then N=org/d; elif y; then N=org/d; else N=org/d; fi\npython t.py $N\n" +
			"[ -z \"$K\" ] && K=org/e\npython t.py $K ${K:-f}\n" +
			"case $1 in a) L=1;; esac\npython t.py $L\n",
			"2: org/b\n3: ?$M\n6: org/d\n8: ?$K ?${K:-f}\n10: ?$L"},
		// Loops, read, subshells, pipelines, prefix assignments.
		{"M=org/a\nfor M in x y; do python t.py $M; done\nwhile read N; do python t.py $N; done\n" +
			"P=org/p\n(P=org/q)\necho | P=org/r\nP=org/s python t.py $P\n(( i++ ))\npython t.py $i $N\n",
			"2: ?$M\n3: ?$N\n7: org/p\n9: ?$i ?$N"},
		// Functions run later than they are written: a variable assigned
		// once, before, keeps its value; their arguments are unknown; a
		// call forgets what the function sets.
		{"M=org/a\nf() { python t.py \"$M\" \"$1\" \"${2:-org/q}\" $N; }\nN=1\nf org/b\nN=2\n" +
			"setm() { M=org/c; }\nsetm\npython t.py $M\n",
			"2: ?$M ?$1 ?${2:-org/q} ?$N\n8: ?$M"},
		{"M=org/a\nf() {\n  local L=org/l\n  python t.py \"$M\" $L\n}\nf\npython t.py $L\n", "4: org/a org/l\n7: ?$L"},
		// A heredoc's body is not commands; an activation script sets
		// nothing of the script's, another sourced file anything.
		{"M=org/a\ncat > x <<EOF\nM=org/h\nEOF\nsource .venv/bin/activate\npython t.py $M\n. ./cfg.sh\npython t.py $M ${Z:-z}\n",
			"6: org/a\n8: ?$M ?${Z:-z}"},
		// Splitting and globbing: a value that is not one word as written.
		{"S=\"a b\"\nG='*.py'\nE=\npython t.py $S \"$S\" $G \"$G\" $E \"$E\" *.txt ~/x x\\ y\n",
			"4: ?$S a b ?$G *.py ?$E  ?*.txt ?~/x x y"},
		{"declare -i I=1+1\ndeclare -r R=r\nexport $V=1\npython t.py $I $R ${W:-w}\n", "4: ?$I ?$R ?${W:-w}"},
		{"python t.py --prompt \"a photo of \\\n  sks dog\" --model org/x $(cat m) `cat n`\n",
			"1: --prompt a photo of   sks dog --model org/x ?$(cat m) ?$(cat n)"},
	} {
		if got := words(Script(c.src)); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.src, got, c.want)
		}
	}
}

// TestWordsOpaque: the text of a workflow step, a Dockerfile, a Makefile
// or a notebook runs in an environment other lines of the file set: no
// default is taken there.
func TestWordsOpaque(t *testing.T) {
	for name, c := range map[string]struct {
		r    *Result
		want string
	}{
		"run":        {GitHubRun("python t.py ${M:-org/x} a\n"), "1: ?${M:-org/x} a"},
		"makefile":   {Makefile("all:\n\tpython t.py $${M:-org/x} a\n"), "2: ?${M:-org/x} a"},
		"notebook":   {Notebook([][]Line{{{N: 1, Text: "!M=b python t.py $M a"}}}), "1: ?$M a"},
		"dockerfile": {Dockerfile(dockerfile.Parse([]byte("FROM a\nENV M=b\nRUN python t.py ${M:-org/x} a\n"))), "3: ?${M:-org/x} a"},
		// A Markdown document is one terminal session, like a script.
		"markdown": {Markdown("```bash\nA=a\n```\n\n```bash\npython t.py ${M:-org/x} $A\n```\n"), "6: org/x* a"},
	} {
		if got := words(c.r); got != c.want {
			t.Errorf("%s: got %s, want %s", name, got, c.want)
		}
	}
}

// TestWordPlaces: each word's line and column in the file, on
// continuation lines too; none on a line make rewrote.
func TestWordPlaces(t *testing.T) {
	r := Script("M=org/x\nsudo -E accelerate launch \\\n    t.py \\\n  --model \"$M\"  --x=1 # c\n")
	var got []string
	for _, w := range r.Commands[0].Words {
		got = append(got, fmt.Sprintf("%s@%d:%d", w.Value, w.Line, w.Col))
	}
	if g := strings.Join(got, " "); g != "accelerate@2:9 launch@2:20 t.py@3:5 --model@4:3 org/x@4:11 --x=1@4:17" {
		t.Errorf("places %s", g)
	}
	mk := Makefile("P = python\nall:\n\t$(P) t.py --model a\n\tpython t.py --model b\n")
	var cols []string
	for _, c := range mk.Commands {
		cols = append(cols, fmt.Sprintf("%d:%d", c.Words[3].Line, c.Words[3].Col))
	}
	if g := strings.Join(cols, " "); g != "3:0 4:22" {
		t.Errorf("makefile places %s", g)
	}
}
