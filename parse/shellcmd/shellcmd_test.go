package shellcmd

import (
	"fmt"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/parse/dockerfile"
)

// dump renders a result one command per line, as a rule would use it.
func dump(r *Result) string {
	var b strings.Builder
	for _, in := range r.Installs {
		fmt.Fprintf(&b, "install %d %q dir=%s", in.Line, in.Tool, in.Dir)
		if len(in.Files) > 0 {
			fmt.Fprintf(&b, " files=%v", in.Files)
		}
		if len(in.Constraints) > 0 {
			fmt.Fprintf(&b, " constraints=%v", in.Constraints)
		}
		if in.RequireHashes {
			b.WriteString(" require-hashes")
		}
		if in.Dynamic {
			b.WriteString(" dynamic")
		}
		for _, p := range in.Packages {
			fmt.Fprintf(&b, " | %s", p.Arg)
			switch {
			case p.Installer:
				b.WriteString(" (installer)")
			case p.Python:
				b.WriteString(" (python)")
			case p.Local:
				fmt.Fprintf(&b, " (local %s)", p.Path)
			}
			if p.Unpinned != "" {
				fmt.Fprintf(&b, ": %s", p.Unpinned)
			}
		}
		for _, rd := range in.Redirects {
			fmt.Fprintf(&b, " | redirect %q cut from %q", rd.String(), rd.Package)
		}
		b.WriteString("\n")
	}
	for _, c := range r.Clones {
		fmt.Fprintf(&b, "clone %d %s -> %s", c.Line, c.URL, c.Dir)
		if c.Ref != "" {
			fmt.Fprintf(&b, " at %s %s", c.RefKind, c.Ref)
		}
		if c.CheckoutLine > 0 {
			fmt.Fprintf(&b, " (checkout line %d)", c.CheckoutLine)
		}
		if !c.Pinned() {
			b.WriteString(" unpinned")
		}
		if len(c.Installs) > 0 {
			var at []int
			for _, p := range c.Installs {
				at = append(at, p.Line)
			}
			fmt.Fprintf(&b, " installed at %v", at)
		}
		b.WriteString("\n")
	}
	for _, f := range r.Fetches {
		fmt.Fprintf(&b, "fetch %d %s %s -> %s", f.Line, f.Tool, f.URL, f.Output)
		if f.PipedTo != "" {
			fmt.Fprintf(&b, " | %s", f.PipedTo)
		}
		if f.Verified() {
			fmt.Fprintf(&b, " verified by %q at %d", f.Checksum, f.ChecksumLine)
		}
		if f.RunLine > 0 {
			fmt.Fprintf(&b, " run at %d", f.RunLine)
		}
		if f.Dynamic {
			b.WriteString(" dynamic")
		}
		b.WriteString("\n")
	}
	for _, e := range r.Errors {
		fmt.Fprintf(&b, "error %d\n", e.Line)
	}
	return b.String()
}

// verified lists the outputs of the verified downloads.
func verified(r *Result) string {
	var out []string
	for _, f := range r.Fetches {
		if f.Verified() {
			out = append(out, f.Output)
		}
	}
	return strings.Join(out, " ")
}

func check(t *testing.T, got *Result, want string) {
	t.Helper()
	if g := dump(got); g != want {
		t.Errorf("got:\n%s\nwant:\n%s", g, want)
	}
}

func TestScriptInstalls(t *testing.T) {
	src := `#!/bin/bash
pip install torch==2.2.1 numpy
python3 -m pip install --upgrade pip setuptools wheel
uv pip install --python 3.11 flash-attn --no-build-isolation
pip3 --no-cache-dir install -r requirements.txt -c constraints.txt pytest
sudo -H pip install "a>=1" 'b==2' -e . ./vendor/pkg
conda install -y -c conda-forge faiss-gpu python=3.11 pytorch==2.1.2 numpy=1.24 ./local.conda
mamba create -n env python=3.10 "scipy>=1.0"
conda env create -f environment.yml
uv pip sync requirements.lock
pip install $EXTRA torch
pip install --require-hashes -r locked.txt
pip install "git+https://github.com/org/lib@main"
python train.py --epochs 3
pip list
`
	check(t, Script(src), `install 2 "pip install" dir=. | torch==2.2.1 | numpy: no version specifier
install 3 "python3 -m pip install" dir=. | pip (installer): no version specifier | setuptools (installer): no version specifier | wheel (installer): no version specifier
install 4 "uv pip install" dir=. | flash-attn: no version specifier
install 5 "pip3 install" dir=. files=[requirements.txt] constraints=[constraints.txt] | pytest: no version specifier
install 6 "pip install" dir=. | a>=1: ">=1" allows more than one version | b==2 | . (local .) | ./vendor/pkg (local vendor/pkg)
install 7 "conda install" dir=. | faiss-gpu: no version | python=3.11 (python): "=3.11" is a fuzzy pin that matches any release of a series | pytorch==2.1.2 | numpy=1.24: "=1.24" is a fuzzy pin that matches any release of a series | ./local.conda (local local.conda)
install 8 "mamba create" dir=. | python=3.10 (python): "=3.10" is a fuzzy pin that matches any release of a series | scipy>=1.0: ">=1.0" allows more than one version
install 9 "conda env create" dir=. files=[environment.yml]
install 10 "uv pip sync" dir=. files=[requirements.lock]
install 11 "pip install" dir=. dynamic | torch: no version specifier
install 12 "pip install" dir=. files=[locked.txt] require-hashes
install 13 "pip install" dir=. | git+https://github.com/org/lib@main: revision "main" is a branch, tag or short hash, not a full commit hash
`)
	r := Script(src)
	var loose []string
	for _, in := range r.Installs {
		for _, p := range in.Unpinned() {
			loose = append(loose, p.Arg)
		}
	}
	if got, want := strings.Join(loose, " "), "numpy flash-attn pytest a>=1 faiss-gpu numpy=1.24 scipy>=1.0 torch git+https://github.com/org/lib@main"; got != want {
		t.Errorf("Unpinned() = %s\nwant %s", got, want)
	}
	if txt := r.Installs[0].Text; txt != "pip install torch==2.2.1 numpy" {
		t.Errorf("Text = %q", txt)
	}
}

func TestRedirects(t *testing.T) {
	src := `pip install -q transformers>=4.30 datasets accelerate
pip install numpy > /dev/null 2>&1
pip install torch<2.3
pip install "torch<2.3" 'x>=1'
pip install a==1.0 >> install.log
`
	check(t, Script(src), `install 1 "pip install" dir=. | transformers: no version specifier | datasets: no version specifier | accelerate: no version specifier | redirect ">=4.30" cut from "transformers"
install 2 "pip install" dir=. | numpy: no version specifier
install 3 "pip install" dir=. | torch: no version specifier | redirect "<2.3" cut from "torch"
install 4 "pip install" dir=. | torch<2.3: "<2.3" allows more than one version | x>=1: ">=1" allows more than one version
install 5 "pip install" dir=. | a==1.0
`)
}

func TestClones(t *testing.T) {
	src := `set -e
git clone https://github.com/NVIDIA/apex
cd apex
pip install -v --no-build-isolation ./
cd ..
git clone https://github.com/facebookresearch/detectron2.git \
  && git -C detectron2 checkout 70f454304e1a38378200459dd2dbca0f0f4a5ab4
pip install -e detectron2
git clone --depth 1 --branch v0.6 https://github.com/facebookresearch/fvcore.git
git clone -b main https://github.com/org/tool.git third_party/tool
(cd third_party/tool && pip install .)
git clone git@github.com:org/private.git
cd private
git checkout 3f1c2ab
git checkout -b experiment
cd ..
git clone https://github.com/org/late.git
git -C late checkout -- README.md
git clone "$REPO_URL"
git clone https://github.com/org/x.git --revision=0123456789abcdef0123456789abcdef01234567 x2
`
	check(t, Script(src), `install 4 "pip install" dir=apex | ./ (local apex)
install 8 "pip install" dir=. | detectron2 (local detectron2)
install 11 "pip install" dir=third_party/tool | . (local third_party/tool)
clone 2 https://github.com/NVIDIA/apex -> apex unpinned installed at [4]
clone 6 https://github.com/facebookresearch/detectron2.git -> detectron2 at commit 70f454304e1a38378200459dd2dbca0f0f4a5ab4 (checkout line 7) installed at [8]
clone 9 https://github.com/facebookresearch/fvcore.git -> fvcore at tag v0.6
clone 10 https://github.com/org/tool.git -> third_party/tool at branch main unpinned installed at [11]
clone 12 git@github.com:org/private.git -> private at commit 3f1c2ab (checkout line 14)
clone 17 https://github.com/org/late.git -> late unpinned
clone 19 $REPO_URL -> ? unpinned
clone 20 https://github.com/org/x.git -> x2 at commit 0123456789abcdef0123456789abcdef01234567
`)
	r := Script(src)
	if u := r.Clones[0].Unpinned(); !strings.Contains(u, "default branch") {
		t.Errorf("Unpinned() = %q", u)
	}
	if u := r.Clones[3].Unpinned(); u != "branch main moves: check out a commit" {
		t.Errorf("Unpinned() = %q", u)
	}
}

func TestFetches(t *testing.T) {
	src := `mkdir -p checkpoints
wget -c https://dl.fbaipublicfiles.com/segment_anything/sam_vit_h_4b8939.pth -O checkpoints/sam_vit_h.pth
curl -L -o checkpoints/groundingdino.pth \
  https://github.com/IDEA-Research/GroundingDINO/releases/download/v0.1.0-alpha/groundingdino_swint_ogc.pth
wget https://raw.githubusercontent.com/pypa/get-pip/main/public/get-pip.py && python3 get-pip.py --user
curl -fsSL https://example.com/install.sh | bash
curl -O https://example.com/data/train.tar.gz?token=1
wget -qO- https://example.com/x.tar.gz | tar xz
wget "$BASE/annotations/$anno.json" -O "$dest"
curl -fsSLo model.bin https://example.com/model.bin
sha256sum model.bin
curl https://example.com/labels.json > labels.json
wget -P weights https://example.com/w.pt
echo "31e20dde3def09e2cf938c7be6fe23d9150bbbe503982af13345706515f2ef95  weights/w.pt" | sha256sum -c -
sha256sum -c checkpoints.sha256
`
	check(t, Script(src), `fetch 2 wget https://dl.fbaipublicfiles.com/segment_anything/sam_vit_h_4b8939.pth -> checkpoints/sam_vit_h.pth verified by "sha256sum -c" at 15
fetch 3 curl https://github.com/IDEA-Research/GroundingDINO/releases/download/v0.1.0-alpha/groundingdino_swint_ogc.pth -> checkpoints/groundingdino.pth verified by "sha256sum -c" at 15
fetch 5 wget https://raw.githubusercontent.com/pypa/get-pip/main/public/get-pip.py -> get-pip.py verified by "sha256sum -c" at 15 run at 5
fetch 6 curl https://example.com/install.sh -> - | bash
fetch 7 curl https://example.com/data/train.tar.gz?token=1 -> train.tar.gz verified by "sha256sum -c" at 15
fetch 8 wget https://example.com/x.tar.gz -> - | tar
fetch 9 wget $BASE/annotations/$anno.json -> $dest verified by "sha256sum -c" at 15 dynamic
fetch 10 curl https://example.com/model.bin -> model.bin verified by "sha256sum" at 11
fetch 12 curl https://example.com/labels.json -> labels.json verified by "sha256sum -c" at 15
fetch 13 wget https://example.com/w.pt -> w.pt verified by "sha256sum -c" at 14
`)
	// The echo's list names w.pt only; the list file at line 15 could name
	// anything, so it verifies every download before it.
	r := Script(src)
	if f := r.Fetches[9]; f.ChecksumLine != 14 || r.Fetches[0].ChecksumLine != 15 {
		t.Errorf("w.pt checked at %d, sam at %d", f.ChecksumLine, r.Fetches[0].ChecksumLine)
	}
	if p := r.Fetches[9].Path; p != "weights/w.pt" {
		t.Errorf("Path = %q", p)
	}
	// Without the final list checks, only the hashed file is verified.
	r = Script(strings.Join(strings.Split(src, "\n")[:13], "\n"))
	if got := verified(r); got != "model.bin" {
		t.Errorf("verified = %q, want model.bin", got)
	}
	// A check before the download does not verify it.
	r = Script("sha256sum -c sums.txt\nwget https://example.com/a.bin\n")
	if r.Fetches[0].Verified() {
		t.Error("a checksum before the download verified it")
	}
}

func TestScriptErrors(t *testing.T) {
	src := "pip install numpy\nfor x in; do\npython train.py --data <path/to/data>\nwget https://example.com/a.bin\n"
	check(t, Script(src), `install 1 "pip install" dir=. | numpy: no version specifier
fetch 4 wget https://example.com/a.bin -> a.bin
error 2
error 3
`)
}

func TestMakefile(t *testing.T) {
	src := "PYTHON ?= python3\nPIP := $(PYTHON) -m pip\nVENV = .venv\n\n.PHONY: install\ninstall:\n\t@$(PIP) install -e .\n\t-pip install pre-commit\n\t+pre-commit install\n\ndeps: ; pip install black\n\nclone:\n\tgit clone https://github.com/org/lib.git $(VENV)/lib\n\tcd $(VENV)/lib && git checkout v1.2.0\n\ntest:\n\tfor f in $$(ls tests); do \\\n\t\tpip install $$f; done\n\n\techo not a recipe line after a blank line\nlint:\n\t$(UNKNOWN_TOOL) check .\n\t$(PY) -m pip install \"ruff==0.3.4\"\n"
	check(t, Makefile(src), `install 7 "python3 -m pip install" dir=. | . (local .)
install 8 "pip install" dir=. | pre-commit: no version specifier
install 11 "pip install" dir=. | black: no version specifier
install 19 "pip install" dir=. dynamic
install 24 "python -m pip install" dir=. | ruff==0.3.4
clone 14 https://github.com/org/lib.git -> .venv/lib at tag v1.2.0 (checkout line 15)
`)
}

func TestMarkdown(t *testing.T) {
	src := "# Project\n\n" +
		"Install with `pip install torch transformers` or read on.\n\n" +
		"```bash\nconda create -n env python=3.10 -y\npip install torch==2.1.2 mmsegmentation\n```\n\n" +
		"```console\n$ git clone https://github.com/org/lib\n$ cd lib\nCloning into 'lib'...\n$ pip install -e . \\\n>   --no-deps\n(env) $ pip list\n```\n\n" +
		"```python\nimport os\nos.system('pip install evil')\n```\n\n" +
		"```\nwget https://example.com/model.pth\n```\n\n" +
		"```\nsome output\npip install not-shell\n```\n\n" +
		"1. Install FAISS:\n\n   ```shell\n   conda install -c conda-forge faiss-gpu\n   ```\n\n" +
		"Then:\n\n    pip install -r requirements.txt\n    python train.py\n\n" +
		"~~~sh\ncurl -fsSL https://example.com/x.sh | sh\n~~~\n" +
		"```bash\npython train.py --data <path/to/data>\n```\n"
	check(t, Markdown(src), `install 3 "pip install" dir=. | torch: no version specifier | transformers: no version specifier
install 6 "conda create" dir=. | python=3.10 (python): "=3.10" is a fuzzy pin that matches any release of a series
install 7 "pip install" dir=. | torch==2.1.2 | mmsegmentation: no version specifier
install 14 "pip install" dir=lib | . (local lib)
install 36 "conda install" dir=lib | faiss-gpu: no version
install 41 "pip install" dir=lib files=[requirements.txt]
clone 11 https://github.com/org/lib -> lib unpinned installed at [14]
fetch 25 wget https://example.com/model.pth -> model.pth
fetch 45 curl https://example.com/x.sh -> - | sh
error 48
`)
}

func TestNotebook(t *testing.T) {
	cells := [][]Line{
		{{N: 9, Text: "!pip install -q transformers>=4.30 datasets accelerate"}},
		{{N: 15, Text: "%pip install numpy pandas"}, {N: 16, Text: "import numpy as np"}},
		{{N: 22, Text: "!git clone https://github.com/facebookresearch/segment-anything.git"}, {N: 23, Text: "%cd segment-anything"}, {N: 24, Text: "!pip install -e ."}},
		{{N: 30, Text: "!wget https://dl.fbaipublicfiles.com/segment_anything/sam_vit_h_4b8939.pth"}},
		{{N: 35, Text: "%%bash"}, {N: 36, Text: "cd /tmp"}, {N: 37, Text: "curl -L -o x.bin https://example.com/x.bin"}},
		{{N: 41, Text: "!{sys.executable} -m pip install \\"}, {N: 42, Text: "    scikit-learn==1.4.1.post1"}},
		{{N: 47, Text: "%%writefile setup.sh"}, {N: 48, Text: "pip install should-not-count"}},
		{{N: 52, Text: "%%capture"}, {N: 53, Text: "!pip install tqdm"}},
		{{N: 57, Text: "files = !ls"}, {N: 58, Text: "!cd .. && pip install ./other"}, {N: 59, Text: "!pip install {pkg}"}},
	}
	check(t, Notebook(cells), `install 9 "pip install" dir=. | transformers: no version specifier | datasets: no version specifier | accelerate: no version specifier | redirect ">=4.30" cut from "transformers"
install 15 "pip install" dir=. | numpy: no version specifier | pandas: no version specifier
install 24 "pip install" dir=segment-anything | . (local segment-anything)
install 41 "python -m pip install" dir=segment-anything | scikit-learn==1.4.1.post1
install 53 "pip install" dir=segment-anything | tqdm: no version specifier
install 58 "pip install" dir=. | ./other (local other)
install 59 "pip install" dir=segment-anything dynamic
clone 22 https://github.com/facebookresearch/segment-anything.git -> segment-anything unpinned installed at [24]
fetch 30 wget https://dl.fbaipublicfiles.com/segment_anything/sam_vit_h_4b8939.pth -> sam_vit_h_4b8939.pth
fetch 37 curl https://example.com/x.bin -> x.bin
`)
}

func TestRefKind(t *testing.T) {
	for ref, want := range map[string]string{
		"": "", "70f454304e1a38378200459dd2dbca0f0f4a5ab4": "commit", "3f1c2ab": "commit", "deadbeef": "branch",
		"v0.6": "tag", "1.2.3": "tag", "release-2.0": "tag", "tags/stable": "tag", "refs/tags/x": "tag",
		"main": "branch", "master": "branch", "dev": "branch", "origin/main": "branch", "feature/x": "branch",
	} {
		if got := RefKind(ref); got != want {
			t.Errorf("RefKind(%q) = %q, want %q", ref, got, want)
		}
	}
}

func TestColumns(t *testing.T) {
	md := "# x\n\n```console\n  $ pip install a\n```\n\n    cd x && pip install b\n\nRun `pip install c` first.\n\n  ```bash\n  git clone https://github.com/o/r\n  ```\n"
	r := Markdown(md)
	var got []string
	for _, in := range r.Installs {
		got = append(got, fmt.Sprintf("%d:%d", in.Line, in.Col))
	}
	for _, c := range r.Clones {
		got = append(got, fmt.Sprintf("clone %d:%d", c.Line, c.Col))
	}
	if g := strings.Join(got, " "); g != "4:5 7:13 9:6 clone 12:3" {
		t.Errorf("columns %s", g)
	}
	mk := Makefile("all:\n\t@pip install a\nx: ; pip install b\n")
	if a, b := mk.Installs[0], mk.Installs[1]; a.Col != 3 || b.Col != 6 {
		t.Errorf("makefile columns %d %d", a.Col, b.Col)
	}
}

func TestCloneEnteredLeft(t *testing.T) {
	r := Markdown("```bash\ngit clone https://github.com/o/own\ncd own\npip install -e .\n```\n\n```bash\npython train.py\n```\n" +
		"```bash\ngit clone https://github.com/NVIDIA/apex\ncd apex\npip install ./\ncd ..\npip install -r requirements.txt\n```\n")
	if c := r.Clones[0]; c.Entered != 4 || c.Left != 0 {
		t.Errorf("own clone entered %d left %d", c.Entered, c.Left)
	}
	if c := r.Clones[1]; c.Entered != 13 || c.Left != 15 {
		t.Errorf("apex clone entered %d left %d", c.Entered, c.Left)
	}
}

func TestPushd(t *testing.T) {
	check(t, Script("pushd vendor\ngit clone https://github.com/o/r\n(cd r && pip install .)\npopd\npip install -e vendor/r\npopd\npip install ./x\n"), `install 3 "pip install" dir=vendor/r | . (local vendor/r)
install 5 "pip install" dir=. | vendor/r (local vendor/r)
install 7 "pip install" dir=? | ./x (local ?)
clone 2 https://github.com/o/r -> vendor/r unpinned installed at [3 5]
`)
}

func TestDynamicRefs(t *testing.T) {
	r := Script("git clone \"$URL\" \"$DIR\"\ngit -C \"$DIR\" checkout \"$SHA\"\ngit clone -b \"$TAG\" https://github.com/o/r\ngit clone https://github.com/o/q \"$D2\"\n")
	check(t, r, `clone 1 $URL -> ? at dynamic $SHA (checkout line 2) unpinned
clone 3 https://github.com/o/r -> r at dynamic $TAG unpinned
clone 4 https://github.com/o/q -> ? unpinned
`)
	for _, c := range r.Clones[:2] {
		if c.Unpinned() != "" {
			t.Errorf("clone %d: a ref known only at run time is reported: %q", c.Line, c.Unpinned())
		}
	}
}

func TestDockerfile(t *testing.T) {
	src := "FROM python:3.11 AS build\nWORKDIR /opt\n" +
		"RUN git clone https://github.com/facebookresearch/detectron2.git \\\n # a comment Docker drops\n" +
		" && git -C detectron2 checkout 70f454304e1a38378200459dd2dbca0f0f4a5ab4 \\\n && pip install --no-cache-dir -e detectron2\n" +
		"RUN git clone https://github.com/o/y.git\nRUN pip install -e y\n" +
		"RUN --mount=type=cache,target=/root/.cache mkdir -p /app/c \\\n && wget -q -O /app/c/s.pth https://x/s.pth\n" +
		"FROM build\nRUN cd y && git checkout main\n" +
		"RUN <<EOF\nwget https://a/b.bin\nsha256sum -c sums\nEOF\n" +
		"RUN [\"wget\", \"https://q/r.bin\"]\nRUN curl -fsSL https://x/i.sh | sh\n"
	check(t, Dockerfile(dockerfile.Parse([]byte(src))), `install 6 "pip install" dir=/opt | detectron2 (local /opt/detectron2)
install 8 "pip install" dir=/opt | y (local /opt/y)
clone 3 https://github.com/facebookresearch/detectron2.git -> /opt/detectron2 at commit 70f454304e1a38378200459dd2dbca0f0f4a5ab4 (checkout line 5) installed at [6]
clone 7 https://github.com/o/y.git -> /opt/y at branch main (checkout line 12) unpinned installed at [8]
fetch 10 wget https://x/s.pth -> /app/c/s.pth verified by "sha256sum -c" at 15
fetch 14 wget https://a/b.bin -> b.bin verified by "sha256sum -c" at 15
fetch 17 wget https://q/r.bin -> r.bin
fetch 18 curl https://x/i.sh -> - | sh
`)
	r := Dockerfile(dockerfile.Parse([]byte(src)))
	if c := r.Fetches[0].Col; c != 5 {
		t.Errorf("column of the wget on a continuation line: %d", c)
	}
	if c := r.Clones[0].Col; c != 5 {
		t.Errorf("column of the clone after RUN: %d", c)
	}
	if Dockerfile(nil) == nil {
		t.Error("nil result")
	}
}

func TestGitHubRun(t *testing.T) {
	r := GitHubRun("pip install torch==${{ matrix.torch }} 'x${{ env.V }}' numpy\ncd ${{ github.workspace }}/sub\npip install -r requirements.txt\n")
	check(t, r, `install 1 "pip install" dir=. dynamic | numpy: no version specifier
install 3 "pip install" dir=? files=[requirements.txt]
`)
	if c := r.Installs[0].Col; c != 1 {
		t.Errorf("col %d", c)
	}
}

func TestLoose(t *testing.T) {
	r := Script("pip install black black[jupyter] isort 'Black>=23' torch==2.2.1 'git+https://github.com/o/r@main' pip\nconda install -c conda-forge faiss-gpu numpy=1.24 python=3.11\n")
	if got := strings.Join(r.Installs[0].Loose(nil), " "); got != "black[jupyter]>=23 isort git+https://github.com/o/r@main" {
		t.Errorf("pip Loose = %s", got)
	}
	if got := strings.Join(r.Installs[0].Loose(func(n string) bool { return n == "isort" }), " "); got != "black[jupyter]>=23 git+https://github.com/o/r@main" {
		t.Errorf("pip Loose with isort pinned = %s", got)
	}
	if got := strings.Join(r.Installs[1].Loose(nil), " "); got != "faiss-gpu numpy=1.24" {
		t.Errorf("conda Loose = %s", got)
	}
}

// TestEchoCheckList: a checksum list echoed into "sha256sum -c" names the
// files it verifies (GNU and BSD formats, printf's "\n"); the others stay
// unverified.
func TestEchoCheckList(t *testing.T) {
	r := Script(`wget https://dl.fbaipublicfiles.com/a.pth -O a.pth
wget https://dl.fbaipublicfiles.com/b.pth -O models/b.pth
wget https://dl.fbaipublicfiles.com/c.pth
printf '0123456789abcdef0123456789abcdef  a.pth\nSHA256 (models/b.pth) = 0123456789abcdef\n' | sha256sum -c
`)
	if got := verified(r); got != "a.pth models/b.pth" {
		t.Errorf("verified %q", got)
	}
	for list, want := range map[string]string{
		"0123456789abcdef0123456789abcdef *x.bin\\nSHA512 (y z.tar) = 00ff00ff\n": "x.bin|y z.tar",
		"$RUBY_SHA256 *ruby.tar.xz":          "ruby.tar.xz",
		"${SHA}  /tmp/openssl.tar.gz":        "/tmp/openssl.tar.gz",
		"${sha256}  ${destination}":          "",
		"$(cat kubectl.sha256) kubectl":      "",
		"'%s  %s\\n' 245e314e $causal_sdist": "",
	} {
		if got := strings.Join(checkListFiles(list), "|"); got != want {
			t.Errorf("checkListFiles(%q) = %q, want %q", list, got, want)
		}
	}
}

// TestCommands: every simple command, in order, with its place, its
// directory and its words as the shell passes them (wrappers removed,
// "${{ }}" a run-time value), and the index of its install.
func TestCommands(t *testing.T) {
	src := "python -m pip install --upgrade pip\n" +
		"cd sub && sudo -E pip install -e . ${{ matrix.extra }}\n" +
		"uv run pytest -q\n" +
		"(cd docs && poetry install)\n" +
		"twine upload dist/*"
	var got []string
	r := GitHubRun(src)
	for _, c := range r.Commands {
		s := fmt.Sprintf("%d:%d %s %q", c.Line, c.Col, c.Dir, c.Args)
		if c.Install >= 0 {
			s += " install " + r.Installs[c.Install].Tool
		}
		got = append(got, s)
	}
	want := []string{
		`1:1 . ["python" "-m" "pip" "install" "--upgrade" "pip"] install python -m pip install`,
		`2:1 . ["cd" "sub"]`,
		`2:11 sub ["pip" "install" "-e" "." "${________________}"] install pip install`,
		`3:1 sub ["pytest" "-q"]`,
		`4:2 sub ["cd" "docs"]`,
		`4:13 sub/docs ["poetry" "install"]`,
		`5:1 sub ["twine" "upload" "dist/*"]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestMimAndGdown: OpenMMLab's mim installs with pip's arguments and
// verdicts (its own package, openmim, is the installer); gdown downloads
// from Google Drive by id or URL, to -O or to the name the server gives.
func TestMimAndGdown(t *testing.T) {
	src := `pip install -U openmim
mim install mmengine
mim install "mmcv>=2.0.0" mmdet==3.3.0
mim install -e .
mkdir -p pretrained
gdown --id 1q86w74Ygw2hNzYP9cWkeClGT5X25PvBT -O pretrained/G_800000.pth
gdown https://drive.google.com/uc?id=1AbCdEfGhIjKlMnOpQrStUv -O data.zip
gdown --folder https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOpQrStUvWx
gdown 1ZyXwVuTsRqPoNmLkJiHgFeDcBa -O -
gdown --help
sha256sum data.zip
`
	check(t, Script(src), `install 1 "pip install" dir=. | openmim (installer): no version specifier
install 2 "mim install" dir=. | mmengine: no version specifier
install 3 "mim install" dir=. | mmcv>=2.0.0: ">=2.0.0" allows more than one version | mmdet==3.3.0
install 4 "mim install" dir=. | . (local .)
fetch 6 gdown https://drive.google.com/uc?id=1q86w74Ygw2hNzYP9cWkeClGT5X25PvBT -> pretrained/G_800000.pth
fetch 7 gdown https://drive.google.com/uc?id=1AbCdEfGhIjKlMnOpQrStUv -> data.zip verified by "sha256sum" at 11
fetch 8 gdown https://drive.google.com/drive/folders/1AbCdEfGhIjKlMnOpQrStUvWx -> 
fetch 9 gdown https://drive.google.com/uc?id=1ZyXwVuTsRqPoNmLkJiHgFeDcBa -> -
`)
	r := Script(src)
	if f := r.Fetches[0]; f.DriveID != "1q86w74Ygw2hNzYP9cWkeClGT5X25PvBT" || f.Path != "pretrained/G_800000.pth" || f.NamedByServer {
		t.Errorf("gdown --id: %+v", f)
	}
	if f := r.Fetches[2]; !f.NamedByServer || f.DriveID != "" {
		t.Errorf("gdown --folder: %+v", f)
	}
	for _, in := range r.Installs {
		if in.Conda() {
			t.Errorf("%q read as conda", in.Tool)
		}
	}
}

func TestPipInstallAt(t *testing.T) {
	for in, want := range map[string]int{
		"pip install x": 2, "pip3 install x": 2, "python -m pip install x": 4, "python3.11 -m pip install x": 4,
		"/usr/bin/pip3.11 install x": 2, "uv pip install x": 3, "pip -q install x": 3, "python -u -m pip install x": 5,
		"pip download x": -1, "python x.py": -1, "pipx install x": -1, "uv add x": -1, "$PIP install x": -1, "pip $OPT install x": -1,
		"mim install x": 2, "mim download mmdet --config x --dest .": -1, "mim list": -1,
	} {
		i, ok := pipInstallAt(strings.Fields(in))
		if !ok {
			i = -1
		}
		if i != want {
			t.Errorf("%q: %d, want %d", in, i, want)
		}
	}
}

// TestCondaSpec: the verdict on a conda spec, for install commands and
// the spec files the Dockerfile rules read ("python" alone installs the
// newest interpreter; "python=3.11" declares the version).
func TestCondaSpec(t *testing.T) {
	for spec, want := range map[string]bool{
		"numpy==1.26.4": true, "numpy=1.26.4": true, "numpy=1.26.4=py311h": true, "numpy 1.26.4": true,
		"conda-forge::numpy==1.26.4": true, "numpy=1.26": false, "numpy": false, "numpy>=1.26": false,
		"numpy=1.26.*": false, "numpy==1.26.4|1.26.5": false, "pkg-1.0-0.tar.bz2": true, "numpy=": false,
		"pytorch-cuda=12.1": true, "python=3.11": true, "python": false, "pip": true,
		"https://conda.acme-mirror.dev/conda-forge/linux-64/numpy-1.26.4-py311h64a7726_0.conda#3f7a": true,
	} {
		if got := !CondaSpec(spec).Loose(); got != want {
			t.Errorf("CondaSpec(%q) pinned = %v, want %v", spec, got, want)
		}
	}
}

// TestDockerfileWorkdirVars: WORKDIR's variables are expanded from the
// stage's ARG and ENV values (ENV values expanded in turn, ARG defaults
// declared before the first FROM, ENV inherited from the parent stage);
// a variable nothing sets makes the directory unknown. An exec-form RUN
// has no columns in the file.
func TestDockerfileWorkdirVars(t *testing.T) {
	src := "ARG BASE=/opt\nFROM python:3.11 AS a\nARG BASE\nENV APP=$BASE/app\nWORKDIR $APP\nRUN pip install -e .\n" +
		"FROM a\nWORKDIR sub\nRUN pip install -e .\n" +
		"FROM python:3.11\nWORKDIR $UNSET/x\nRUN pip install -e .\nRUN [\"pip\", \"install\", \"numpy\"]\n"
	r := Dockerfile(dockerfile.Parse([]byte(src)))
	var got []string
	for _, in := range r.Installs {
		got = append(got, fmt.Sprintf("%d:%d %s %q", in.Line, in.Col, in.Dir, in.Args))
	}
	want := []string{`6:5 /opt/app ["pip" "install" "-e" "."]`, `9:5 /opt/app/sub ["pip" "install" "-e" "."]`,
		`12:5 ? ["pip" "install" "-e" "."]`, `13:0 ? ["pip" "install" "numpy"]`}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestLooseURLAsWritten: a URL or VCS requirement is named as written, so
// the message shows what is unpinned ("@main"); a bare conda "python" is
// an unpinned interpreter, "python=3.11" a version declaration.
func TestLooseURLAsWritten(t *testing.T) {
	r := Script("pip install 'setuptools @ git+https://github.com/pypa/setuptools@main' numpy\nconda create -n e python python=3.11 numpy==1.26.4\n")
	if got := strings.Join(r.Installs[0].Loose(nil), "|"); got != "setuptools @ git+https://github.com/pypa/setuptools@main|numpy" {
		t.Errorf("pip Loose = %s", got)
	}
	if got := strings.Join(r.Installs[1].Loose(nil), "|"); got != "python" {
		t.Errorf("conda Loose = %s", got)
	}
}

func TestSnakefile(t *testing.T) {
	src := `SEED = 1

rule model:
    output: "models/sam.pth"
    shell: "curl -L -o {output} https://models.example.org/sam.pth && sha256sum -c checksums/sam.sha256"

rule download:
    output:
        "resources/counts.tsv.gz",
        "resources/clinical.tsv",
    shell:
        """
        wget -q -O {output[0]} https://data.example.org/brca/counts.tsv.gz
        wget -q -O {output[1]} https://data.example.org/brca/clinical.tsv
        awk '{{print $1}}' {output[1]} > ids.txt
        """

rule tools:
    conda: "envs/tools.yaml"
    shell:
        "pip install {params.pkg} seaborn && "
        "git clone https://github.com/org/lib"

rule py:
    run:
        shell("wget https://data.example.org/not-read")
    script: "scripts/x.py"
`
	check(t, Snakefile(src), `install 21 "pip install" dir=. dynamic | seaborn: no version specifier
clone 22 https://github.com/org/lib -> lib unpinned
fetch 5 curl https://models.example.org/sam.pth -> ${_0___} verified by "sha256sum -c" at 5
fetch 13 wget https://data.example.org/brca/counts.tsv.gz -> ${_1______}
fetch 14 wget https://data.example.org/brca/clinical.tsv -> ${_2______}
`)
	r := Snakefile(src)
	if got := r.AsWritten(r.Fetches[2].Output + " " + r.Fetches[0].Output); got != "{output[1]} {output}" {
		t.Errorf("AsWritten = %q", got)
	}
	if f := r.Fetches[1]; f.Col != 9 {
		t.Errorf("the first wget is at column %d, want 9", f.Col)
	}
	if in := r.Installs[0]; in.Col != 10 {
		t.Errorf("the pip install is at column %d, want 10", in.Col)
	}
}

// TestMarkdownGluedPlaceholders: a "<name>" glued to a word is a value the
// reader fills in, not a redirect; AsWritten gives it back. One standing
// alone still fails as shell.
func TestMarkdownGluedPlaceholders(t *testing.T) {
	src := "```bash\n" +
		"git clone https://oauth2:<your-token>@gitlab.acme-tools.dev/g/r.git\n" +
		"pip install --index-url=https://<user>:<token>@pkgs.acme-mirror.dev/simple torch==2.2.1\n" +
		"git clone <url>\n" +
		"```\n"
	r := Markdown(src)
	if len(r.Clones) != 1 || r.AsWritten(r.Clones[0].URL) != "https://oauth2:<your-token>@gitlab.acme-tools.dev/g/r.git" || r.Clones[0].Col != 1 {
		t.Fatalf("clones: %+v", r.Clones)
	}
	if len(r.Installs) != 1 || len(r.Installs[0].Packages) != 1 || r.Installs[0].Packages[0].Name != "torch" {
		t.Errorf("installs: %+v", r.Installs)
	}
	if len(r.Errors) != 1 || r.Errors[0].Line != 4 {
		t.Errorf("errors: %+v", r.Errors)
	}
}

// TestDeepNesting: a script that nests brackets thousands deep (20 KB of
// "$(") is refused with an error instead of being parsed: the parser's
// recursion and the printing of nested words grow with the square of the
// depth (10,000 levels took 14 s and 950 MB). Real scripts nest a few.
func TestDeepNesting(t *testing.T) {
	n := 10000
	for name, src := range map[string]string{
		"command substitution": "echo " + strings.Repeat("$(", n) + strings.Repeat(")", n) + "\n",
		"subshells":            strings.Repeat("(", n) + "true" + strings.Repeat(")", n) + "\n",
		"arithmetic":           "echo $((" + strings.Repeat("(", n) + "1" + strings.Repeat(")", n) + "))\n",
	} {
		r := Script(src)
		if len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Msg, "nested") {
			t.Errorf("%s: errors %v", name, r.Errors)
		}
	}
	// 20 levels are read as usual.
	r := Script("echo " + strings.Repeat("$(", 20) + "pip install torch" + strings.Repeat(")", 20) + "\n")
	if len(r.Errors) != 0 || len(r.Installs) != 1 {
		t.Errorf("20 levels: errors %v, installs %d", r.Errors, len(r.Installs))
	}
}
