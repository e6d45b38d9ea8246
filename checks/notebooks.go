package checks

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/git-repro/git-repro/parse/pipreq"
	"github.com/git-repro/git-repro/parse/python"
)

// NotebooksConfig holds this family's .repro.yaml settings.
type NotebooksConfig struct{}

// notebooksSettings is the notebooks: section of .repro.yaml (no settings yet).
var notebooksSettings = SectionOf[NotebooksConfig]("notebooks")

// Notebook hygiene rules. The seed rules (seeds.go) also read notebooks:
// their code cells, in order, are one program.

var notebookRules = []*Rule{
	{
		ID: "REPRO-NB-001", Category: CatNotebooks, Severity: Warning,
		Title: "notebook executed out of order",
		Doc: `The execution counts of the committed notebook are not 1, 2, 3, ... from top to
bottom: cells were run out of order, re-run, or deleted after running. The outputs
in the file then come from a kernel state that running the notebook from the top
does not reproduce (Pimentel et al., MSR 2019, found about a third of public
notebooks executed out of order).`,
		Remediation: "restart the kernel and run all cells top to bottom (Kernel > Restart & Run All), then commit; or strip outputs and counts with nbstripout",
		Run:         runNotebookOrder,
	},
	{
		ID: "REPRO-NB-002", Category: CatNotebooks, Severity: Warning,
		Title: "notebook committed with an error output",
		Doc: `A code cell's committed output is an exception traceback: the notebook as
committed did not run cleanly, so its later outputs and results were not produced
by the code that is in it.`,
		Remediation: "fix the failing cell, restart the kernel and run all cells, then commit",
		Run:         runNotebookErrors,
	},
	{
		ID: "REPRO-NB-003", Category: CatNotebooks, Severity: Warning,
		Title: "unpinned pip install in a notebook",
		Doc: `"%pip install pkg" or "!pip install pkg" in a notebook installs whatever version
is newest on the day it runs, so the notebook's environment drifts like an unpinned
requirements file.`,
		Remediation: "pin each package (`%pip install numpy==1.26.4`) or install from a pinned requirements file (`%pip install -r requirements.txt`)",
		Run:         runNotebookPip,
	},
	{
		ID: "REPRO-NB-004", Category: CatNotebooks, Severity: Info,
		Title: "notebook does not record its kernel language or version",
		Doc: `nbformat 4 keeps the kernel (metadata.kernelspec) and the language and its
version (metadata.language_info.name and .version) in the notebook. Without them a
reader cannot tell which Python the results came from.`,
		Remediation: "save the notebook from a running kernel so that Jupyter writes metadata.kernelspec and metadata.language_info (or keep them when stripping outputs)",
		Run:         runNotebookKernel,
	},
	{
		ID: "REPRO-NB-005", Category: CatNotebooks, Severity: Warning,
		Title:       "notebook cannot be read",
		Doc:         `The .ipynb file is not valid JSON or not an nbformat 4 notebook, so neither Jupyter nor the checks can read it reliably.`,
		Remediation: "repair the file (a merge conflict left in the JSON is the usual cause) or convert it with `jupyter nbconvert --to notebook`",
		Run:         runNotebookInvalid,
	},
}

func isNotebookPath(p string) bool { return strings.HasSuffix(strings.ToLower(p), ".ipynb") }

// notebook is a parsed .ipynb file.
type notebook struct {
	path    string
	err     error // not JSON or not nbformat 4
	errLine int
	doc     nbDoc
	pos     map[string]jpos // JSON value positions by path ("cells/3/source/2")
	py      *pyFile         // the code cells as one Python module
	lines   []nbLine        // module line (index+1) -> notebook position
	pips    []nbPip
	// cellErrs are code cells that do not tokenize (left out of py).
	cellErrs []nbCellErr
}

type nbDoc struct {
	NBFormat int `json:"nbformat"`
	Metadata struct {
		Kernelspec *struct {
			Name     string `json:"name"`
			Language string `json:"language"`
		} `json:"kernelspec"`
		LanguageInfo *struct {
			Name    string `json:"name"`
			Version string `json:"version"`
		} `json:"language_info"`
	} `json:"metadata"`
	Cells []nbCell `json:"cells"`
}

type nbCell struct {
	Type      string          `json:"cell_type"`
	Source    json.RawMessage `json:"source"`
	ExecCount *int            `json:"execution_count"`
	Outputs   []struct {
		OutputType string `json:"output_type"`
		Ename      string `json:"ename"`
		Evalue     string `json:"evalue"`
	} `json:"outputs"`
}

// jpos is where a JSON value starts: 1-based line and column (of a
// string's first content byte) and the byte offset of that column.
type jpos struct{ line, col, off int }

type nbLine struct {
	cell      int // 1-based cell number
	cellLine  int // 1-based line within the cell
	line, col int // in the .ipynb file
}

type nbPip struct {
	pos  Pos
	cell int
	cmd  string // the line as written
	args string // what follows "install"
}

type nbCellErr struct {
	cell int
	pos  Pos
	msg  string
}

// at maps a position in the code-cell module to the .ipynb file.
func (nb *notebook) at(p string, pos python.Pos) Pos {
	i := int(pos.Line) - 1
	if i >= len(nb.lines) {
		i = len(nb.lines) - 1
	}
	if i < 0 {
		return Pos{Path: p}
	}
	l := nb.lines[i]
	return Pos{Path: p, Line: l.line, Col: l.col + int(pos.Col)}
}

// cellRef names the cell and the line within it of a module position:
// "cell 3, line 2: ".
func (nb *notebook) cellRef(pos python.Pos) string {
	i := int(pos.Line) - 1
	if i < 0 || i >= len(nb.lines) {
		return ""
	}
	return fmt.Sprintf("cell %d, line %d: ", nb.lines[i].cell, nb.lines[i].cellLine)
}

// loadNotebook parses a notebook once per run; nil if it cannot be read.
func loadNotebook(p *Pass, fp string) *notebook {
	return p.Memo("notebook:"+fp, func() any {
		b, err := p.Tree.ReadFile(fp)
		if err != nil {
			return (*notebook)(nil)
		}
		return parseNotebook(fp, b)
	}).(*notebook)
}

// pythonCellMagics run the rest of their cell as Python.
var pythonCellMagics = setOf("time", "timeit", "capture", "prun", "debug", "pypy")

var (
	magicAssignRe = regexp.MustCompile(`^\s*[A-Za-z_][\w., ]*=\s*[!%]`)
	helpRe        = regexp.MustCompile(`^\s*[A-Za-z_][\w.]*\s*\?\??\s*$|^\s*\?`)
	pipRe         = regexp.MustCompile(`^\s*(?:%|!)\s*(?:pip3?|python3?\s+-m\s+pip|conda\s+run\s+.*pip)\s+install\s+(.*)$`)
)

// parseNotebook reads an nbformat 4 notebook and turns its code cells into
// one Python module (IPython magics and shell lines become `pass`).
func parseNotebook(fp string, data []byte) *notebook {
	nb := &notebook{path: fp}
	if err := json.Unmarshal(data, &nb.doc); err != nil {
		nb.err = err
		var se *json.SyntaxError
		if errors.As(err, &se) {
			nb.errLine = 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
		}
		return nb
	}
	if nb.doc.NBFormat != 4 {
		nb.err = fmt.Errorf("nbformat is %d, not 4", nb.doc.NBFormat)
		return nb
	}
	nb.pos = jsonPositions(data, 4)
	var src bytes.Buffer
	for ci, c := range nb.doc.Cells {
		if c.Type != "code" {
			continue
		}
		lines, where := nb.cellLines(data, ci, c.Source)
		cellLines := make([]string, len(lines))
		pythonCell := true
		for li, l := range lines {
			l = strings.TrimRight(l, "\r\n")
			t := strings.TrimSpace(l)
			indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
			switch {
			case li == 0 && strings.HasPrefix(t, "%%"):
				name, _, _ := strings.Cut(strings.TrimPrefix(t, "%%"), " ")
				pythonCell = pythonCellMagics[name]
				l = ""
			case !pythonCell:
				l = ""
			case strings.HasPrefix(t, "%") || strings.HasPrefix(t, "!") || magicAssignRe.MatchString(l) || helpRe.MatchString(l):
				if m := pipRe.FindStringSubmatch(l); m != nil {
					nb.pips = append(nb.pips, nbPip{pos: Pos{Path: fp, Line: where[li].line, Col: where[li].col + len(indent)}, cell: ci + 1, cmd: t, args: m[1]})
				}
				l = indent + "pass"
			}
			cellLines[li] = l
		}
		cellSrc := strings.Join(cellLines, "\n") + "\n"
		if _, err := python.Tokenize([]byte(cellSrc)); err != nil {
			e := err.(*python.Error)
			w := where[min(max(e.Line-1, 0), len(where)-1)]
			nb.cellErrs = append(nb.cellErrs, nbCellErr{cell: ci + 1, pos: Pos{Path: fp, Line: w.line, Col: w.col + e.Col}, msg: e.Msg})
			for i := range cellLines {
				cellLines[i] = ""
			}
			cellSrc = strings.Join(cellLines, "\n") + "\n"
		}
		src.WriteString(cellSrc)
		nb.lines = append(nb.lines, where...)
	}
	f := &pyFile{path: fp, nb: nb}
	toks, err := python.Tokenize(src.Bytes())
	if err != nil {
		f.err = err.(*python.Error)
	} else {
		f.mod = python.Build(src.Bytes(), toks)
	}
	nb.py = f
	return nb
}

// cellLines splits a cell's source into lines and finds where each sits in
// the file. The source is a list of strings (one per line, as Jupyter
// writes it) or a single string; a line inside a string starts after its
// "\n" escape, on the same line of the file.
func (nb *notebook) cellLines(data []byte, ci int, raw json.RawMessage) ([]string, []nbLine) {
	var lines []string
	var where []nbLine
	add := func(s string, jp jpos) {
		cols := stringLineCols(data, jp)
		parts := strings.SplitAfter(s, "\n")
		for k, part := range parts {
			if part == "" && k == len(parts)-1 && k > 0 {
				break
			}
			col := jp.col
			if k < len(cols) {
				col = cols[k]
			}
			lines = append(lines, part)
			where = append(where, nbLine{cell: ci + 1, cellLine: len(where) + 1, line: jp.line, col: col})
		}
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		for j, s := range list {
			add(s, nb.pos[fmt.Sprintf("cells/%d/source/%d", ci, j)])
		}
	} else {
		var s string
		json.Unmarshal(raw, &s)
		add(s, nb.pos[fmt.Sprintf("cells/%d/source", ci)])
	}
	if len(lines) == 0 {
		lines = []string{""}
		jp := nb.pos[fmt.Sprintf("cells/%d", ci)]
		where = []nbLine{{cell: ci + 1, cellLine: 1, line: jp.line, col: jp.col}}
	}
	return lines, where
}

// stringLineCols returns the file column at which each line of the JSON
// string starting at jp begins: the first, then one after each "\n" escape.
func stringLineCols(data []byte, jp jpos) []int {
	if jp.line == 0 || jp.off <= 0 || jp.off > len(data) {
		return nil
	}
	cols := []int{jp.col}
	base := jp.off - jp.col // offset of the file line's first byte, minus one
	for i := jp.off; i < len(data) && data[i] != '"'; i++ {
		if data[i] != '\\' || i+1 >= len(data) {
			continue
		}
		i++
		if data[i] == 'n' {
			cols = append(cols, i+1-base)
		} else if data[i] == 'u' {
			i += 4
		}
	}
	return cols
}

// jsonPositions returns the line and column of every JSON value whose path
// has at most maxDepth components ("cells/3/source/2"; "" is the root).
func jsonPositions(data []byte, maxDepth int) map[string]jpos {
	out := map[string]jpos{}
	var lineStarts []int
	lineStarts = append(lineStarts, 0)
	for i, c := range data {
		if c == '\n' {
			lineStarts = append(lineStarts, i+1)
		}
	}
	at := func(off int) jpos {
		l := sort.Search(len(lineStarts), func(i int) bool { return lineStarts[i] > off }) - 1
		return jpos{line: l + 1, col: off - lineStarts[l] + 1, off: off}
	}
	type frame struct {
		obj       bool
		path      string
		depth     int
		key       string
		idx       int
		expectKey bool
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	var stack []*frame
	for {
		prev := int(dec.InputOffset())
		tok, err := dec.Token()
		if err == io.EOF || err != nil {
			break
		}
		start := prev
		for start < len(data) && strings.IndexByte(" \t\r\n,:", data[start]) >= 0 {
			start++
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			if len(stack) > 0 {
				parent := stack[len(stack)-1]
				if parent.obj {
					parent.expectKey = true
				} else {
					parent.idx++
				}
			}
			continue
		}
		if top != nil && top.obj && top.expectKey {
			top.key, _ = tok.(string)
			top.expectKey = false
			continue
		}
		p, depth := "", 0
		if top != nil {
			depth = top.depth + 1
			comp := top.key
			if !top.obj {
				comp = strconv.Itoa(top.idx)
			}
			p = comp
			if top.path != "" {
				p = top.path + "/" + comp
			}
		}
		if depth <= maxDepth {
			jp := at(start)
			if _, isStr := tok.(string); isStr {
				jp.col++ // first byte after the quote
				jp.off++
			}
			out[p] = jp
		}
		if d, ok := tok.(json.Delim); ok {
			stack = append(stack, &frame{obj: d == '{', path: p, depth: depth, expectKey: d == '{'})
			continue
		}
		if top != nil {
			if top.obj {
				top.expectKey = true
			} else {
				top.idx++
			}
		}
	}
	return out
}

// notebookTargets yields the readable notebooks among the targets.
func notebookTargets(p *Pass, fn func(nb *notebook)) {
	for _, t := range p.Targets {
		if !isNotebookPath(t.Path) || t.LFS != nil {
			continue
		}
		if nb := loadNotebook(p, t.Path); nb != nil && nb.err == nil {
			fn(nb)
		}
	}
}

func (nb *notebook) cellPos(ci int, field string) Pos {
	jp, ok := nb.pos[fmt.Sprintf("cells/%d/%s", ci, field)]
	if !ok {
		jp = nb.pos[fmt.Sprintf("cells/%d", ci)]
	}
	return Pos{Path: nb.path, Line: jp.line, Col: jp.col}
}

func runNotebookOrder(p *Pass) {
	notebookTargets(p, func(nb *notebook) {
		type run struct{ cell, ci, n int }
		var runs []run
		for ci, c := range nb.doc.Cells {
			if c.Type == "code" && c.ExecCount != nil {
				runs = append(runs, run{ci + 1, ci, *c.ExecCount})
			}
		}
		// out of order first: it is the stronger statement
		for i := 1; i < len(runs); i++ {
			if r, prev := runs[i], runs[i-1]; r.n <= prev.n {
				p.Reportf(nb.cellPos(r.ci, "execution_count"), "cell %d has execution count %d after cell %d's %d: the notebook was executed out of order; restart the kernel, run all cells top to bottom and commit that", r.cell, r.n, prev.cell, prev.n)
				return
			}
		}
		for i, r := range runs {
			switch {
			case i == 0 && r.n != 1:
				p.Reportf(nb.cellPos(r.ci, "execution_count"), "the first executed cell (cell %d) has execution count %d, not 1: other code ran in the kernel first; restart the kernel and run all cells top to bottom", r.cell, r.n)
				return
			case i > 0 && r.n != runs[i-1].n+1:
				prev := runs[i-1]
				p.Reportf(nb.cellPos(r.ci, "execution_count"), "execution counts jump from %d (cell %d) to %d (cell %d): cells were re-run, run elsewhere or deleted; restart the kernel and run all cells top to bottom", prev.n, prev.cell, r.n, r.cell)
				return
			}
		}
	})
}

func runNotebookErrors(p *Pass) {
	notebookTargets(p, func(nb *notebook) {
		for ci, c := range nb.doc.Cells {
			for oi, o := range c.Outputs {
				if o.OutputType != "error" {
					continue
				}
				what := o.Ename
				if o.Evalue != "" {
					what += ": " + o.Evalue
				}
				if len(what) > 120 {
					what = what[:117] + "..."
				}
				p.Reportf(nb.cellPos(ci, fmt.Sprintf("outputs/%d", oi)), "cell %d has an error output committed (%q); fix the cell, re-run the notebook from the top and commit the clean outputs", ci+1, what)
			}
		}
	})
}

func runNotebookPip(p *Pass) {
	notebookTargets(p, func(nb *notebook) {
		for _, pip := range nb.pips {
			if strings.ContainsAny(pip.args, "$`{") {
				continue // shell or Python variables: cannot tell
			}
			ia := pipreq.ParseInstallArgs(splitShellWords(pip.args))
			for _, it := range ia.Items {
				if it.Err != nil {
					continue
				}
				if why := it.Req.Unpinned(); why != "" {
					p.Reportf(pip.pos, "%q in cell %d installs %q unpinned (%s); pin it with == or install from a pinned requirements file", pip.cmd, pip.cell, it.Arg, why)
				}
			}
		}
	})
}

func runNotebookKernel(p *Pass) {
	notebookTargets(p, func(nb *notebook) {
		md := nb.doc.Metadata
		var missing []string
		if (md.Kernelspec == nil || md.Kernelspec.Language == "") && (md.LanguageInfo == nil || md.LanguageInfo.Name == "") {
			missing = append(missing, "the kernel language (metadata.kernelspec.language / language_info.name)")
		}
		if md.LanguageInfo == nil || md.LanguageInfo.Version == "" {
			missing = append(missing, "the language version (metadata.language_info.version)")
		}
		if len(missing) == 0 {
			return
		}
		jp := nb.pos["metadata"]
		p.Reportf(Pos{Path: nb.path, Line: jp.line, Col: jp.col}, "notebook metadata does not record %s; save it from a running kernel so Jupyter writes them", strings.Join(missing, " or "))
	})
}

func runNotebookInvalid(p *Pass) {
	for _, t := range p.Targets {
		if !isNotebookPath(t.Path) || t.LFS != nil {
			continue
		}
		nb := loadNotebook(p, t.Path)
		if nb == nil || nb.err == nil {
			continue
		}
		line := nb.errLine
		if line == 0 {
			line = 1
		}
		p.Reportf(Pos{Path: t.Path, Line: line}, "notebook cannot be read: %s; repair the JSON (look for a merge conflict) and make it nbformat 4", strings.ToLower(nb.err.Error()[:1])+nb.err.Error()[1:])
	}
}

// splitShellWords splits a command line into words with simple shell
// quoting ('...', "...", backslash), stopping at a comment, ; or &&.
func splitShellWords(s string) []string {
	var words []string
	var cur strings.Builder
	inWord := false
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			} else {
				cur.WriteByte(c)
			}
		case c == '\'' || c == '"':
			quote = c
			inWord = true
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(s[i])
			inWord = true
		case c == ' ' || c == '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '#' && !inWord, c == ';', c == '&', c == '|', c == '>':
			i = len(s)
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}
