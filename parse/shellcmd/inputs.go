package shellcmd

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/snakefile"
)

// Script reads a shell script: the whole file is one shell.
func Script(src string) *Result { return script(newAnalyzer(), src) }

func script(a *analyzer, src string) *Result {
	a.chunk(splitLines(src, 1), true)
	return a.done()
}

// GitHubRun reads the script of a GitHub Actions "run:" step: a shell
// script whose "${{ ... }}" expressions are filled in before the shell
// starts, so they are read as values known only at run time (columns are
// kept), as are the variables the workflow's env: may set.
func GitHubRun(src string) *Result {
	src = ghExprRe().ReplaceAllStringFunc(src, func(e string) string {
		return "${" + strings.Repeat("_", len(e)-3) + "}"
	})
	return script(newAnalyzer().opaque(), src)
}

var ghExprRe = lazyre.New(`\$\{\{.*?\}\}`)

func (a *analyzer) done() *Result {
	r := a.finish()
	for i := range r.Clones {
		in := r.Clones[i].Installs
		sort.Slice(in, func(a, b int) bool {
			return in[a].Line < in[b].Line || in[a].Line == in[b].Line && in[a].Col < in[b].Col
		})
		r.Clones[i].Installs = slices.Compact(in)
	}
	return r
}

// splitLines numbers the lines of src from first.
func splitLines(src string, first int) []Line {
	parts := strings.Split(src, "\n")
	out := make([]Line, len(parts))
	for i, p := range parts {
		out[i] = Line{N: first + i, Text: strings.TrimSuffix(p, "\r")}
	}
	return out
}

// Makefile reads the recipes of a Makefile. Each recipe line runs in its
// own shell (a "cd" does not carry to the next line), after make has
// removed the tab, the "@", "-" and "+" prefixes, turned "$$" into "$" and
// expanded the variables the Makefile assigns ($(PYTHON) -m pip ...).
// A rule's recipe lines are one script for the clone and checksum
// questions.
func Makefile(src string) *Result {
	a := newAnalyzer().opaque()
	lines := splitLines(src, 1)
	vars := makeVars(lines)
	inRule := false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.HasPrefix(l.Text, "\t") && inRule {
			// A recipe line and its "\" continuations (make drops one
			// leading tab from each continuation line).
			part := []Line{l.suffix(strings.TrimPrefix(l.Text, "\t"))}
			for strings.HasSuffix(part[len(part)-1].Text, `\`) && i+1 < len(lines) {
				i++
				part = append(part, lines[i].suffix(strings.TrimPrefix(lines[i].Text, "\t")))
			}
			part[0] = part[0].suffix(strings.TrimLeft(part[0].Text, "@-+ \t"))
			for k := range part {
				t := expandMake(part[k].Text, vars, 0)
				part[k].Text, part[k].rewritten = t, t != part[k].Text
			}
			a.cwd = "."
			a.chunk(part, false)
			continue
		}
		t := strings.TrimSpace(l.Text)
		switch {
		case t == "" || strings.HasPrefix(t, "#"):
			continue
		case makeDirectiveRe().MatchString(t):
			continue // conditionals keep the rule open
		case makeAssignRe().MatchString(l.Text):
			inRule = false
		case strings.Contains(t, ":"):
			inRule = true
			// "target: deps ; recipe"
			if _, recipe, ok := strings.Cut(l.Text, ";"); ok && strings.TrimSpace(recipe) != "" {
				r := l.suffix(strings.TrimLeft(recipe, "@-+ \t"))
				t := strings.TrimRight(r.Text, " \t")
				r.Text = expandMake(t, vars, 0)
				r.rewritten = r.Text != t
				a.cwd = "."
				a.chunk([]Line{r}, false)
			}
		default:
			inRule = false
		}
	}
	return a.done()
}

var (
	makeAssignRe    = lazyre.New(`^\s*(?:export\s+|override\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*(\?=|::=|:=|\+=|!=|=)\s*(.*)$`)
	makeDirectiveRe = lazyre.New(`^(?:ifeq|ifneq|ifdef|ifndef|else|endif|include|-include|sinclude|define|endef|export|unexport|vpath)\b`)
	makeRefRe       = lazyre.New(`\$[({]([A-Za-z_][A-Za-z0-9_.-]*)[)}]`)
)

// makeVars reads the variables a Makefile assigns outside recipes (the
// last assignment wins, "+=" appends, "?=" keeps an earlier value).
func makeVars(lines []Line) map[string]string {
	vars := map[string]string{}
	for _, l := range lines {
		if strings.HasPrefix(l.Text, "\t") {
			continue
		}
		m := makeAssignRe().FindStringSubmatch(l.Text)
		if m == nil {
			continue
		}
		name, op, val := m[1], m[2], strings.TrimSpace(m[3])
		if i := strings.Index(val, " #"); i >= 0 {
			val = strings.TrimSpace(val[:i])
		}
		switch op {
		case "+=":
			vars[name] = strings.TrimSpace(vars[name] + " " + val)
		case "?=":
			if _, ok := vars[name]; !ok {
				vars[name] = val
			}
		case "!=":
			// the output of a shell command: unknown here
		default:
			vars[name] = val
		}
	}
	return vars
}

// expandMake expands make's "$$" and the variables it knows. An unknown
// variable named like an interpreter or an installer ($(PYTHON), $(PIP),
// $(CONDA)) becomes that program, since that is what such Makefiles set
// it to; other unknown references stay, and the shell sees them as
// expansions.
func expandMake(s string, vars map[string]string, depth int) string {
	const dollar = "\x00"
	s = strings.ReplaceAll(s, "$$", dollar)
	s = makeRefRe().ReplaceAllStringFunc(s, func(ref string) string {
		name := makeRefRe().FindStringSubmatch(ref)[1]
		if v, ok := vars[name]; ok && depth < 10 {
			return expandMake(v, vars, depth+1)
		}
		switch n := strings.ToLower(name); {
		case strings.HasPrefix(n, "python") || n == "py":
			return "python"
		case strings.HasPrefix(n, "pip"):
			return "pip"
		case n == "conda" || n == "mamba" || n == "uv":
			return n
		}
		return ref
	})
	return strings.ReplaceAll(s, dollar, "$")
}

// shellLangs are the info strings of Markdown code blocks that hold
// shell commands; consoleLangs hold a terminal session (prompts and
// output).
var (
	shellLangs   = map[string]bool{"bash": true, "sh": true, "shell": true, "zsh": true, "ksh": true, "console": true, "shell-session": true, "shellsession": true, "sh-session": true, "terminal": true, "bash-session": true}
	consoleLangs = map[string]bool{"console": true, "shell-session": true, "shellsession": true, "sh-session": true, "terminal": true, "bash-session": true}
	// shellWords start the first line of an unlabeled block that is shell.
	shellWords = map[string]bool{"pip": true, "pip3": true, "python": true, "python3": true, "conda": true, "mamba": true,
		"micromamba": true, "uv": true, "git": true, "wget": true, "curl": true, "cd": true, "export": true, "source": true,
		"bash": true, "sh": true, "sudo": true, "apt": true, "apt-get": true, "mkdir": true, "make": true, "docker": true,
		"poetry": true, "pipenv": true, "pre-commit": true, "torchrun": true, "accelerate": true, "deepspeed": true,
		"huggingface-cli": true, "cp": true, "mv": true, "tar": true, "unzip": true, "chmod": true, "echo": true,
		"dvc": true, "kaggle": true, "brew": true, "pipx": true, "nvidia-smi": true, "mim": true, "gdown": true}
	fenceRe  = lazyre.New("^([ \t]*)(`{3,}|~{3,})[ \t]*([^`]*)$")
	promptRe = lazyre.New(`^\s*(?:\([^)\s]*\)\s*)?(?:[\w.-]+@[\w.-]+(?::[^\s$]*)?)?\$\s?(.*)$`)
	inlineRe = lazyre.New("`([^`\n]+)`")
	// inlineStartRe starts an inline code span worth reading.
	inlineStartRe = lazyre.New(`^\s*(?:\$\s+)?(?:sudo\s+)?(?:pip3?|python3?(?:\.\d+)? -m pip|uv pip|mim install|conda|mamba|micromamba|git clone|wget|curl|gdown)\s`)
)

// Markdown reads the shell in a Markdown file: fenced code blocks
// labelled bash, sh, shell, zsh or console (a block is a terminal session
// when it is labelled so or has "$ " prompts: only prompt lines and their
// continuations are commands), unlabeled fenced and indented blocks whose
// first command is a shell command, and inline code spans that run pip,
// conda, git clone, wget or curl. The document is read as one terminal
// session: a "cd" in one block holds for the next.
func Markdown(src string) *Result {
	a := newAnalyzer()
	lines := splitLines(src, 1)
	// A placeholder glued to a word ("https://oauth2:<your-token>@host",
	// "--model=<name>") stands for a value the reader fills in, not for
	// a redirect: read it as a run-time value of the same length, which
	// Result.AsWritten gives back. A placeholder standing alone ("git
	// clone <url>") is left to fail as shell, as a template line should.
	names := &placeholders{byText: map[string]string{}, back: map[string]string{}}
	for i, l := range lines {
		if strings.Contains(l.Text, "<") {
			lines[i].Text = gluedPlaceholderRe().ReplaceAllStringFunc(l.Text, func(m string) string {
				return m[:1] + names.token(m[1:])
			})
		}
	}
	prevBlank := true
	for i := 0; i < len(lines); i++ {
		m := fenceRe().FindStringSubmatch(lines[i].Text)
		if m == nil {
			t := lines[i].Text
			if prevBlank && indented(t) && strings.TrimSpace(t) != "" {
				j := i
				var block []Line
				for j < len(lines) && (indented(lines[j].Text) || strings.TrimSpace(lines[j].Text) == "") {
					block = append(block, lines[j].suffix(strings.TrimPrefix(strings.TrimPrefix(lines[j].Text, "\t"), "    ")))
					j++
				}
				if looksLikeShell(block) {
					a.block(block, false)
				}
				i = j - 1
				prevBlank = false
				continue
			}
			for _, sm := range inlineRe().FindAllStringSubmatchIndex(t, -1) {
				code := t[sm[2]:sm[3]]
				if inlineStartRe().MatchString(code) {
					span := Line{N: lines[i].N, Text: code, Off: lines[i].Off + sm[2]}
					if p := promptRe().FindStringSubmatch(code); p != nil {
						span = span.suffix(p[1])
					}
					a.chunk([]Line{span}, false)
				}
			}
			prevBlank = strings.TrimSpace(t) == ""
			continue
		}
		indent, fence := m[1], m[2]
		lang := strings.ToLower(strings.Trim(strings.Fields(m[3] + " x")[0], "{}."))
		if strings.TrimSpace(m[3]) == "" {
			lang = ""
		}
		var block []Line
		j := i + 1
		for ; j < len(lines); j++ {
			t := strings.TrimSpace(lines[j].Text)
			if strings.HasPrefix(t, fence[:1]) && strings.Trim(t, fence[:1]) == "" && len(t) >= len(fence) {
				break
			}
			block = append(block, lines[j].suffix(dedent(lines[j].Text, len(indent))))
		}
		i = j
		prevBlank = false
		switch {
		case shellLangs[lang]:
			a.block(block, consoleLangs[lang])
		case lang == "" && looksLikeShell(block):
			a.block(block, false)
		}
	}
	r := a.done()
	r.asWritten = names.replacer()
	return r
}

// gluedPlaceholderRe matches a "<name>" placeholder right after a
// character that is not a blank or a shell operator.
var gluedPlaceholderRe = lazyre.New(`[^\s<>|&;()]<[A-Za-z][A-Za-z0-9_.-]*>`)

// indented reports an indented code block line (four spaces or a tab).
func indented(s string) bool { return strings.HasPrefix(s, "    ") || strings.HasPrefix(s, "\t") }

// dedent removes up to n leading spaces (the fence's own indentation).
func dedent(s string, n int) string {
	for k := 0; k < n && strings.HasPrefix(s, " "); k++ {
		s = s[1:]
	}
	return s
}

// looksLikeShell reports whether a block's first command (after an
// optional "$ " prompt) is a shell command.
func looksLikeShell(block []Line) bool {
	for _, l := range block {
		t := strings.TrimSpace(l.Text)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if p := promptRe().FindStringSubmatch(t); p != nil {
			t = p[1]
		}
		f := strings.Fields(t)
		return len(f) > 0 && (shellWords[f[0]] || strings.HasPrefix(f[0], "./"))
	}
	return false
}

// block reads one Markdown code block. In a terminal session (console
// set, or "$ " prompts in the block) only prompt lines and their "\"
// continuations are commands; the rest is output.
func (a *analyzer) block(block []Line, console bool) {
	prompts := false
	for _, l := range block {
		if promptRe().MatchString(l.Text) {
			prompts = true
			break
		}
	}
	if !console && !prompts {
		a.chunk(block, true)
		return
	}
	var cmds []Line
	cont := false
	for _, l := range block {
		t := l.Text
		switch p := promptRe().FindStringSubmatch(t); {
		case p != nil:
			t = p[1]
		case cont:
			t = strings.TrimPrefix(strings.TrimLeft(t, " "), "> ")
		default:
			continue // output
		}
		cmds = append(cmds, l.suffix(t))
		cont = strings.HasSuffix(strings.TrimRight(t, " \t"), `\`)
	}
	a.chunk(cmds, true)
}

// Notebook reads the shell in a notebook's code cells, given as each
// cell's source lines with their lines in the .ipynb file: "!cmd" lines
// (and "x = !cmd"), "%pip", "%conda" and "%mamba" line magics, and cells
// run by %%bash, %%sh or %%script bash|sh. "%cd dir" changes the
// directory of the commands after it; a "cd" inside a "!" line does not
// (IPython runs each in its own shell). "{sys.executable}" is the kernel's
// Python; other "{expr}" and "$var" expansions are dynamic.
func Notebook(cells [][]Line) *Result {
	a := newAnalyzer().opaque()
	for _, cell := range cells {
		if len(cell) == 0 {
			continue
		}
		first := strings.TrimSpace(cell[0].Text)
		if strings.HasPrefix(first, "%%") {
			f := strings.Fields(first)
			magic := strings.TrimPrefix(f[0], "%%")
			if magic == "bash" || magic == "sh" || magic == "script" && len(f) > 1 && (f[1] == "bash" || f[1] == "sh") {
				body := make([]Line, 0, len(cell)-1)
				for _, l := range cell[1:] {
					body = append(body, Line{N: l.N, Text: ipythonExpand(l.Text), rewritten: true})
				}
				a.chunk(body, false)
				continue
			}
			if magic != "capture" && magic != "time" && magic != "timeit" && magic != "prun" {
				continue // %%writefile, %%html, ...: not commands
			}
			cell = cell[1:]
		}
		for i := 0; i < len(cell); i++ {
			t := strings.TrimSpace(cell[i].Text)
			cmd, ok := notebookCommand(t)
			if !ok {
				continue
			}
			if rest, isCd := strings.CutPrefix(cmd, "%cd"); isCd && (rest == "" || rest[0] == ' ') {
				a.cd(strings.Fields(ipythonExpand(rest)))
				continue
			}
			part := []Line{{N: cell[i].N, Text: ipythonExpand(cmd), rewritten: true}}
			for strings.HasSuffix(part[len(part)-1].Text, `\`) && i+1 < len(cell) {
				i++
				part = append(part, Line{N: cell[i].N, Text: ipythonExpand(cell[i].Text), rewritten: true})
			}
			a.chunk(part, false)
		}
	}
	return a.done()
}

var assignBangRe = lazyre.New(`^[A-Za-z_][A-Za-z0-9_]*\s*=\s*!`)

// notebookCommand returns the shell command of a notebook line: "!cmd",
// "x = !cmd", "%pip ...", "%conda ...", "%mamba ..."; "%cd ..." is
// returned as is.
func notebookCommand(t string) (string, bool) {
	switch {
	case strings.HasPrefix(t, "!"):
		return strings.TrimLeft(t, "!"), true
	case assignBangRe().MatchString(t):
		return strings.TrimLeft(t[strings.Index(t, "!"):], "!"), true
	case strings.HasPrefix(t, "%pip ") || strings.HasPrefix(t, "%conda ") || strings.HasPrefix(t, "%mamba "):
		return t[1:], true
	case t == "%cd" || strings.HasPrefix(t, "%cd "):
		return t, true
	}
	return "", false
}

var ipyBraceRe = lazyre.New(`\{([^{}]*)\}`)

// ipythonExpand renders IPython's {expr} expansion: the kernel's Python
// for sys.executable, a run-time expansion for anything else.
func ipythonExpand(s string) string {
	return ipyBraceRe().ReplaceAllStringFunc(s, func(m string) string {
		if strings.TrimSpace(m[1:len(m)-1]) == "sys.executable" {
			return "python"
		}
		return "$IPYTHON_EXPR"
	})
}

// Snakefile reads the shell: commands of a Snakemake workflow file (a
// Snakefile or an included *.smk), as parse/snakefile finds them. Each
// rule's command runs in its own shell, in the directory Snakemake runs
// in; the whole file is one script for the clone and checksum questions
// (a download in one rule, checked in the next). Snakemake's placeholders
// ("{input}", "{output[0]}", "{params.url}", "{wildcards.sample}") are
// filled in when the rule runs, so they are read as run-time values of
// the same length (columns kept; Result.AsWritten gives them back for a
// message); "{{" and "}}" are literal braces. The variables the command
// does not assign are unknown.
func Snakefile(src string) *Result {
	a := newAnalyzer().opaque()
	names := &placeholders{byText: map[string]string{}, back: map[string]string{}}
	for _, sh := range snakefile.Parse([]byte(src)).Shells {
		lines := make([]Line, 0, len(sh.Lines))
		for _, l := range sh.Lines {
			text, same := names.format(l.Text)
			lines = append(lines, Line{N: l.N, Text: text, Off: l.Off, rewritten: l.Rewritten || !same})
		}
		a.cwd = "."
		a.chunk(lines, false)
	}
	r := a.done()
	r.asWritten = names.replacer()
	return r
}

// replacer gives the placeholders back (Result.AsWritten), nil when there
// are none.
func (p *placeholders) replacer() *strings.Replacer {
	var pairs []string
	for tok, text := range p.back {
		if text != "" {
			pairs = append(pairs, tok, text)
		}
	}
	if len(pairs) == 0 {
		return nil
	}
	return strings.NewReplacer(pairs...)
}

var snakePlaceholderRe = lazyre.New(`\{\{|\}\}|\{[^{}\n]*\}`)

// placeholders names the Snakemake placeholders of one file: each
// distinct one gets its own run-time expansion of its own length
// ("{input}" is "${_0__}"), so that the shell reads the same value where
// the rule writes the same placeholder, and AsWritten can give it back.
type placeholders struct {
	byText map[string]string // "{input}" -> "${_0__}"
	back   map[string]string // "${_0__}" -> "{input}"; "" when two share it
	n      int
}

// format renders Snakemake's formatting of a shell command: each
// placeholder a run-time expansion, a doubled brace one brace. same is
// false when the text's length changed (its words then have no columns).
func (p *placeholders) format(s string) (string, bool) {
	if !strings.ContainsAny(s, "{}") {
		return s, true
	}
	same := true
	out := snakePlaceholderRe().ReplaceAllStringFunc(s, func(m string) string {
		if m == "{{" || m == "}}" {
			same = false
			return m[:1]
		}
		if len(m) < 3 {
			return m
		}
		return p.token(m)
	})
	return out, same
}

func (p *placeholders) token(m string) string {
	if t, ok := p.byText[m]; ok {
		return t
	}
	t := "$__"
	if width := len(m) - 3; width >= 1 {
		id := "_" + strconv.FormatInt(int64(p.n), 36)
		if len(id) > width {
			id = "_"
		} else {
			p.n++
		}
		t = "${" + id + strings.Repeat("_", width-len(id)) + "}"
	}
	p.byText[m] = t
	if _, dup := p.back[t]; dup {
		p.back[t] = ""
	} else {
		p.back[t] = m
	}
	return t
}
