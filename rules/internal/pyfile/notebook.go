package pyfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/python"
)

// IsNotebook reports whether p names a Jupyter notebook (.ipynb).
func IsNotebook(p string) bool { return strings.HasSuffix(strings.ToLower(p), ".ipynb") }

// Notebook is a parsed .ipynb file.
type Notebook struct {
	Path    string
	Err     error // not JSON or not nbformat 4
	ErrLine int
	Doc     NotebookDoc
	pos     map[string]jpos // JSON value positions by path ("cells/3/source/2")
	Py      *File           // the code cells as one Python module
	lines   []nbLine        // module line (index+1) -> notebook position
	// Code are the code cells' sources, line by line, for the rules that
	// read their shell lines ("!pip install", "%cd", "%%bash").
	Code []CodeCell
	// CellErrs are code cells that do not tokenize (left out of py).
	CellErrs []CellErr
}

// NotebookDoc is the nbformat 4 JSON of a notebook, the parts the rules
// read.
type NotebookDoc struct {
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
	Cells []Cell `json:"cells"`
}

// Cell is one cell of a notebook.
type Cell struct {
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

// CodeCell is one code cell's source.
type CodeCell struct {
	Index int // 0-based, in Doc.Cells
	Lines []SourceLine
}

// SourceLine is one line of a cell's source, without its newline, and
// where it starts in the .ipynb file (Col is 1-based).
type SourceLine struct {
	Text      string
	Line, Col int
}

// CellErr is a code cell that does not tokenize.
type CellErr struct {
	Cell int
	Pos  checks.Pos
	Msg  string
}

// at maps a position in the code-cell module to the .ipynb file.
func (nb *Notebook) at(p string, pos python.Pos) checks.Pos {
	i := int(pos.Line) - 1
	if i >= len(nb.lines) {
		i = len(nb.lines) - 1
	}
	if i < 0 {
		return checks.Pos{Path: p}
	}
	l := nb.lines[i]
	return checks.Pos{Path: p, Line: l.line, Col: l.col + int(pos.Col)}
}

// cellRef names the cell and the line within it of a module position:
// "cell 3, line 2: ".
func (nb *Notebook) cellRef(pos python.Pos) string {
	i := int(pos.Line) - 1
	if i < 0 || i >= len(nb.lines) {
		return ""
	}
	return fmt.Sprintf("cell %d, line %d: ", nb.lines[i].cell, nb.lines[i].cellLine)
}

// LoadNotebook parses a notebook once per run; nil if it cannot be read.
func LoadNotebook(p *checks.Pass, fp string) *Notebook {
	return p.Memo("notebook:"+fp, func() any {
		b, err := p.Tree.ReadFile(fp)
		if err != nil {
			return (*Notebook)(nil)
		}
		return ParseNotebook(fp, b)
	}).(*Notebook)
}

// pythonCellMagics run the rest of their cell as Python.
var pythonCellMagics = map[string]bool{"time": true, "timeit": true, "capture": true, "prun": true, "debug": true, "pypy": true}

var (
	magicAssignRe = lazyre.New(`^\s*[A-Za-z_][\w., ]*=\s*[!%]`)
	helpRe        = lazyre.New(`^\s*[A-Za-z_][\w.]*\s*\?\??\s*$|^\s*\?`)
)

// ParseNotebook reads an nbformat 4 notebook and turns its code cells into
// one Python module (IPython magics and shell lines become `pass`).
func ParseNotebook(fp string, data []byte) *Notebook {
	nb := &Notebook{Path: fp}
	if err := json.Unmarshal(data, &nb.Doc); err != nil {
		nb.Err = err
		var se *json.SyntaxError
		if errors.As(err, &se) {
			nb.ErrLine = 1 + bytes.Count(data[:min(int(se.Offset), len(data))], []byte("\n"))
		}
		return nb
	}
	if nb.Doc.NBFormat != 4 {
		nb.Err = fmt.Errorf("nbformat is %d, not 4", nb.Doc.NBFormat)
		return nb
	}
	nb.pos = jsonPositions(data, 4)
	var src bytes.Buffer
	for ci, c := range nb.Doc.Cells {
		if c.Type != "code" {
			continue
		}
		lines, where := nb.cellLines(data, ci, c.Source)
		cellLines := make([]string, len(lines))
		code := CodeCell{Index: ci, Lines: make([]SourceLine, len(lines))}
		pythonCell := true
		for li, l := range lines {
			l = strings.TrimRight(l, "\r\n")
			code.Lines[li] = SourceLine{Text: l, Line: where[li].line, Col: where[li].col}
			t := strings.TrimSpace(l)
			indent := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
			switch {
			case li == 0 && strings.HasPrefix(t, "%%"):
				name, _, _ := strings.Cut(strings.TrimPrefix(t, "%%"), " ")
				pythonCell = pythonCellMagics[name]
				l = ""
			case !pythonCell:
				l = ""
			case strings.HasPrefix(t, "%") || strings.HasPrefix(t, "!") || magicAssignRe().MatchString(l) || helpRe().MatchString(l):
				l = indent + "pass"
			}
			cellLines[li] = l
		}
		nb.Code = append(nb.Code, code)
		cellSrc := strings.Join(cellLines, "\n") + "\n"
		if _, err := python.Tokenize([]byte(cellSrc)); err != nil {
			e := err.(*python.Error)
			w := where[min(max(e.Line-1, 0), len(where)-1)]
			nb.CellErrs = append(nb.CellErrs, CellErr{Cell: ci + 1, Pos: checks.Pos{Path: fp, Line: w.line, Col: w.col + e.Col}, Msg: e.Msg})
			for i := range cellLines {
				cellLines[i] = ""
			}
			cellSrc = strings.Join(cellLines, "\n") + "\n"
		}
		src.WriteString(cellSrc)
		nb.lines = append(nb.lines, where...)
	}
	f := &File{Path: fp, NB: nb}
	toks, err := python.Tokenize(src.Bytes())
	if err != nil {
		f.Err = err.(*python.Error)
	} else {
		f.Mod = python.Build(src.Bytes(), toks)
	}
	nb.Py = f
	return nb
}

// cellLines splits a cell's source into lines and finds where each sits in
// the file. The source is a list of strings (one per line, as Jupyter
// writes it) or a single string; a line inside a string starts after its
// "\n" escape, on the same line of the file.
func (nb *Notebook) cellLines(data []byte, ci int, raw json.RawMessage) ([]string, []nbLine) {
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

// PosOf is where the JSON value at path ("metadata", "cells/3/outputs/0")
// starts in the file.
func (nb *Notebook) PosOf(path string) checks.Pos {
	jp := nb.pos[path]
	return checks.Pos{Path: nb.Path, Line: jp.line, Col: jp.col}
}

// CellPos is where field of cell ci (0-based) starts, or the cell itself
// when it has no such field.
func (nb *Notebook) CellPos(ci int, field string) checks.Pos {
	jp, ok := nb.pos[fmt.Sprintf("cells/%d/%s", ci, field)]
	if !ok {
		jp = nb.pos[fmt.Sprintf("cells/%d", ci)]
	}
	return checks.Pos{Path: nb.Path, Line: jp.line, Col: jp.col}
}
