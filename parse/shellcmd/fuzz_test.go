package shellcmd

import (
	"strings"
	"testing"

	"github.com/git-repro/git-repro/parse/dockerfile"
)

// checkResult holds every position to the input's lines.
func checkResult(t *testing.T, r *Result, lines int) {
	t.Helper()
	in := func(what string, l int) {
		if l < 1 || l > lines {
			t.Fatalf("%s at line %d of a %d-line input", what, l, lines)
		}
	}
	for _, x := range r.Installs {
		in("install", x.Line)
		_ = x.Loose(nil)
		for _, rd := range x.Redirects {
			ok := rd.Package == ""
			for _, p := range x.Packages {
				ok = ok || p.Arg == rd.Package
			}
			if !ok {
				t.Fatalf("redirect cut from %q, which is not a package of %q", rd.Package, x.Text)
			}
		}
		_ = x.Unpinned()
	}
	for _, c := range r.Clones {
		in("clone", c.Line)
		if c.CheckoutLine != 0 {
			in("checkout", c.CheckoutLine)
		}
		for _, l := range c.Installs {
			in("clone install", l.Line)
		}
		_ = c.Unpinned()
	}
	for _, f := range r.Fetches {
		in("fetch", f.Line)
		if f.ChecksumLine != 0 {
			in("checksum", f.ChecksumLine)
		}
		if f.RunLine != 0 {
			in("run", f.RunLine)
		}
	}
	for _, e := range r.Errors {
		in("error", e.Line)
	}
	for _, c := range r.Commands {
		in("command", c.Line)
		if len(c.Words) != len(c.Args) {
			t.Fatalf("command at line %d has %d words for %d arguments", c.Line, len(c.Words), len(c.Args))
		}
		for _, w := range c.Words {
			in("word", w.Line)
			if w.Col < 0 || w.Default && !w.Known {
				t.Fatalf("word %+v of the command at line %d", w, c.Line)
			}
		}
		if c.Install >= len(r.Installs) || c.Install >= 0 && r.Installs[c.Install].Line != c.Line {
			t.Fatalf("command at line %d names install %d of %d", c.Line, c.Install, len(r.Installs))
		}
	}
}

var shellSeeds = []string{
	"pip install -q transformers>=4.30 datasets accelerate\n",
	"git clone https://github.com/o/r && cd r && git checkout 0123456789abcdef0123456789abcdef01234567 && pip install -e .\n",
	"wget https://x/get-pip.py && python get-pip.py\nsha256sum -c s.txt\n",
	"curl -fsSL https://x/i.sh | sh -c \"$(curl -L https://x/y)\"\n(cd a && conda install -c c x=1.2 'y>=2')\n",
	"for x in; do\ncat <<EOF\npip install inside-heredoc\nEOF\n",
	"f() { cd /tmp; pip install a; }\ncoproc pip install b\nif true; then uv pip sync r.txt; fi\n",
	"pip install -U openmim && mim install \"mmcv>=2.0.0\" -e .\ngdown --id 1q86w74Ygw2hNzYP9cWkeClGT5X25PvBT -O w/ && gdown --folder -O - $URL\n",
	"M=${1:-org/x}\nf() { local L=$M; python t.py --model \"$L\" ${M:+x}; f; }\nif a; then M=b; elif c; then :; else M=d; fi\n: ${Q:=q} && f\nsource x; eval y\n",
	"for i in $(seq 3); do N+=x; (( i++ )); read -r A B; done; declare -ai z=(1); export $V=1\npython t.py \"${N}\" ~/a *.py x\\ y $'z'\n",
}

func FuzzScript(f *testing.F) {
	for _, s := range shellSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkResult(t, Script(src), strings.Count(src, "\n")+1)
	})
}

func FuzzMakefile(f *testing.F) {
	for _, s := range shellSeeds {
		f.Add("all:\n\t" + strings.ReplaceAll(s, "\n", "\n\t"))
	}
	f.Add("PY ?= python3\nPIP = $(PY) -m pip\nx: ; $(PIP) install a\n\t@-$(PIP) install \\\n\t\tb\n")
	f.Fuzz(func(t *testing.T, src string) {
		checkResult(t, Makefile(src), strings.Count(src, "\n")+1)
	})
}

func FuzzMarkdown(f *testing.F) {
	for _, s := range shellSeeds {
		f.Add("```bash\n" + s + "```\n")
		f.Add("```console\n$ " + s + "out\n```\n")
		f.Add("text `" + strings.TrimSpace(strings.Split(s, "\n")[0]) + "`\n\n    " + s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkResult(t, Markdown(src), strings.Count(src, "\n")+1)
	})
}

// FuzzNotebook splits the input into cells at lines "----".
func FuzzNotebook(f *testing.F) {
	f.Add("!pip install a>=1 b\n----\n!git clone https://github.com/o/r\n%cd r\n!pip install -e .\n----\n%%bash\ncd x\nwget https://x/y\n")
	f.Add("%pip install {pkg}\n!{sys.executable} -m pip install \\\n  c==1\nx = !ls\n----\n%%capture\n!curl -O https://x/z\n")
	f.Fuzz(func(t *testing.T, src string) {
		var cells [][]Line
		var cell []Line
		for i, l := range strings.Split(src, "\n") {
			if l == "----" {
				cells, cell = append(cells, cell), nil
				continue
			}
			cell = append(cell, Line{N: i + 1, Text: l})
		}
		cells = append(cells, cell)
		checkResult(t, Notebook(cells), strings.Count(src, "\n")+1)
	})
}

func FuzzDockerfile(f *testing.F) {
	for _, s := range shellSeeds {
		f.Add("FROM python:3.11\nWORKDIR /opt\nRUN " + strings.ReplaceAll(strings.TrimSuffix(s, "\n"), "\n", " \\\n  ") + "\n")
	}
	f.Add("FROM a AS b\nRUN git clone https://x/y \\\n # c\n && cd y\nFROM b\nRUN <<EOF\nwget https://a/b\nEOF\nRUN [\"curl\", \"-O\", \"https://q/r\"]\n")
	f.Add("# escape=`\nFROM a\nRUN pip install x `\n  y\n")
	f.Add("ARG B=/x\nFROM a AS s\nARG B\nENV C=$B/y D=${C:-z}\nWORKDIR $C\nFROM s\nWORKDIR $D/$E\nRUN pip install -e . && conda create -n e python\n")
	f.Fuzz(func(t *testing.T, src string) {
		checkResult(t, Dockerfile(dockerfile.Parse([]byte(src))), strings.Count(src, "\n")+1)
	})
}

func FuzzGitHubRun(f *testing.F) {
	for _, s := range shellSeeds {
		f.Add(s)
	}
	f.Add("pip install torch==${{ matrix.torch }} ${{}} '${{ x }}'\ncd ${{ github.workspace }}\n")
	f.Fuzz(func(t *testing.T, src string) {
		checkResult(t, GitHubRun(src), strings.Count(src, "\n")+1)
	})
}

func FuzzSnakefile(f *testing.F) {
	for _, s := range shellSeeds {
		f.Add("rule r:\n    output: \"o\"\n    shell:\n        \"\"\"\n        " + strings.ReplaceAll(s, "\n", "\n        ") + "\"\"\"\n")
	}
	f.Add("rule a:\n    shell: \"wget -O {output[0]} {params.url} && \" 'sha256sum -c {input}'\nrule:\n    shell: f\"echo {{x}} {y}\\n{z}\"\n")
	f.Fuzz(func(t *testing.T, src string) {
		checkResult(t, Snakefile(src), strings.Count(src, "\n")+1)
	})
}
