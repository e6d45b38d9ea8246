package snakefile

import (
	"path"
	"strings"

	"github.com/git-repro/git-repro/parse/python"
)

// IsFile reports whether p is a Snakemake workflow file by its name:
// Snakefile (or snakefile), *.smk, *.snakefile.
func IsFile(p string) bool {
	base := path.Base(p)
	switch strings.ToLower(path.Ext(base)) {
	case ".smk", ".snakefile":
		return true
	}
	return base == "Snakefile" || base == "snakefile"
}

// Locations are where Snakemake looks for the workflow when it is run
// without --snakefile, relative to the directory it runs in.
var Locations = []string{"Snakefile", "snakefile", "workflow/Snakefile", "workflow/snakefile"}

// Str is a string literal value with the place of its first token
// (1-based line and byte column).
type Str struct {
	Value     string
	Line, Col int
}

// Line is one line of a shell: command: its 1-based line in the file, its
// text, and Off, the bytes of the file's line before the text. Rewritten
// is set when Text is not the file's text (an escape decoded, an
// f-string's braces halved, two literals joined), so it has no columns.
type Line struct {
	N         int
	Text      string
	Off       int
	Rewritten bool
}

// Shell is the shell: directive of one rule.
type Shell struct {
	Rule  string // the rule's name, "" for an anonymous rule
	Line  int    // the line of "shell:"
	Lines []Line
}

// File is what a workflow file holds.
type File struct {
	// Includes are the include: directives' paths, as written (relative to
	// the file's directory).
	Includes []Str
	// Conda are the conda: directives' values that name an environment
	// file (.yml / .yaml), as written (relative to the file's directory);
	// a named environment ("conda: 'base'") is not one.
	Conda []Str
	// Shells are the rules' shell: commands whose value is a literal.
	Shells []Shell
}

// Parse reads a workflow file. Text that does not tokenize is read up to
// the first problem.
func Parse(src []byte) *File {
	toks, _ := python.TokenizeOptions(src, python.Options{Legacy: true})
	sig := make([]python.Token, 0, len(toks))
	for _, t := range toks {
		if t.Kind != python.Comment && t.Kind != python.NL {
			sig = append(sig, t)
		}
	}
	w := &walker{src: src, toks: sig, lineStarts: lineStarts(src), ruleBody: -1}
	w.walk()
	return &w.f
}

type walker struct {
	src        []byte
	toks       []python.Token
	lineStarts []int
	f          File

	depth    int
	ruleBody int    // the indentation depth of the current rule's body, -1 outside one
	rule     string // the current rule's name
	pending  *string
}

func lineStarts(src []byte) []int {
	out := []int{0}
	for i, c := range src {
		if c == '\n' {
			out = append(out, i+1)
		}
	}
	return out
}

// col returns the 0-based byte column of a byte offset on its 1-based line.
func (w *walker) col(off int, line int) int {
	if line < 1 || line > len(w.lineStarts) {
		return 0
	}
	return off - w.lineStarts[line-1]
}

func (w *walker) is(i int, k python.Kind, text string) bool {
	if i >= len(w.toks) || w.toks[i].Kind != k {
		return false
	}
	return text == "" || w.toks[i].Text(w.src) == text
}

// ruleKeywords start a rule: its directives are indented below.
var ruleKeywords = map[string]bool{"rule": true, "checkpoint": true, "use": true}

func (w *walker) walk() {
	lineStart := true
	for i := 0; i < len(w.toks); i++ {
		t := w.toks[i]
		switch t.Kind {
		case python.Newline:
			lineStart = true
			if !w.is(i+1, python.Indent, "") {
				w.pending = nil
			}
			continue
		case python.Indent:
			w.depth++
			if w.pending != nil {
				w.rule, w.ruleBody, w.pending = *w.pending, w.depth, nil
			}
			lineStart = true
			continue
		case python.Dedent:
			w.depth--
			if w.ruleBody >= 0 && w.depth < w.ruleBody {
				w.ruleBody, w.rule = -1, ""
			}
			lineStart = true
			continue
		case python.EndMarker:
			return
		}
		if !lineStart {
			continue
		}
		lineStart = false
		if t.Kind != python.Name {
			continue
		}
		name := t.Text(w.src)
		if ruleKeywords[name] && (w.is(i+1, python.Name, "") || w.is(i+1, python.Op, ":")) {
			// rule NAME: / rule: / checkpoint NAME: / use rule x from m as y with:
			rn := ""
			if name != "use" && w.is(i+1, python.Name, "") {
				rn = w.toks[i+1].Text(w.src)
			}
			w.pending = &rn
			continue
		}
		if !w.is(i+1, python.Op, ":") {
			continue
		}
		start, end, block := w.value(i + 2)
		switch name {
		case "shell":
			if w.ruleBody >= 0 && w.depth == w.ruleBody {
				if lines, ok := w.shellLines(start, end); ok {
					w.f.Shells = append(w.f.Shells, Shell{Rule: w.rule, Line: int(t.Start.Line), Lines: lines})
				}
			}
		case "conda":
			if s, ok := w.literal(start, end); ok {
				if ext := strings.ToLower(path.Ext(s.Value)); ext == ".yml" || ext == ".yaml" {
					w.f.Conda = append(w.f.Conda, s)
				}
			}
		case "include":
			if s, ok := w.literal(start, end); ok && s.Value != "" {
				w.f.Includes = append(w.f.Includes, s)
			}
		}
		// skip the value (a run: block is Python, not directives): a
		// block with its Indent and Dedent, a line up to its Newline
		if block {
			i, lineStart = end, true
		} else {
			i = end - 1
		}
	}
}

// value returns the token range of a directive's value that starts at i:
// the rest of the logical line, or the block indented below it.
// block reports the latter; end is then the index of the block's
// closing Dedent (or of the end of the tokens), else of the line's
// Newline.
func (w *walker) value(i int) (start, end int, block bool) {
	if w.is(i, python.Newline, "") && w.is(i+1, python.Indent, "") {
		level := 0
		for j := i + 1; j < len(w.toks); j++ {
			switch w.toks[j].Kind {
			case python.Indent:
				level++
			case python.Dedent:
				level--
				if level == 0 {
					return i + 2, j, true
				}
			case python.EndMarker:
				return i + 2, j, true
			}
		}
		return i + 2, len(w.toks), true
	}
	j := i
	for j < len(w.toks) && w.toks[j].Kind != python.Newline && w.toks[j].Kind != python.EndMarker {
		j++
	}
	return i, j, false
}

// strings returns the string tokens of a value that is only string
// literals (and the line breaks between them); ok is false otherwise.
func (w *walker) strTokens(start, end int) ([]python.Token, bool) {
	var out []python.Token
	for _, t := range w.toks[start:end] {
		switch t.Kind {
		case python.String:
			out = append(out, t)
		case python.Newline:
		default:
			return nil, false
		}
	}
	return out, len(out) > 0
}

func (w *walker) literal(start, end int) (Str, bool) {
	toks, ok := w.strTokens(start, end)
	if !ok {
		return Str{}, false
	}
	var sb strings.Builder
	for _, t := range toks {
		v, ok := python.StringToken(t.Text(w.src))
		if !ok {
			return Str{}, false
		}
		sb.WriteString(v)
	}
	t := toks[0]
	return Str{Value: sb.String(), Line: int(t.Start.Line), Col: w.col(int(t.Off), int(t.Start.Line)) + 1}, true
}

// shellLines returns the lines of a shell: value made of string literals.
// Literals written next to each other are one string in Python: the
// shell reads a "\" at the end of a line the same way (outside single
// quotes), so each literal keeps its own lines and all but the last end
// with one.
func (w *walker) shellLines(start, end int) ([]Line, bool) {
	toks, ok := w.strTokens(start, end)
	if !ok {
		return nil, false
	}
	var out []Line
	for k, t := range toks {
		lines, ok := w.pieceLines(t)
		if !ok {
			return nil, false
		}
		if k < len(toks)-1 && len(lines) > 0 {
			last := &lines[len(lines)-1]
			last.Text += `\`
		}
		out = append(out, lines...)
	}
	return out, true
}

// pieceLines splits one string literal into its lines in the file.
func (w *walker) pieceLines(t python.Token) ([]Line, bool) {
	text := t.Text(w.src)
	p := 0
	raw, fstr := false, false
	for p < len(text) && text[p] != '"' && text[p] != '\'' {
		switch text[p] {
		case 'r', 'R':
			raw = true
		case 'f', 'F':
			fstr = true
		case 'u', 'U':
		default:
			return nil, false // bytes: not a command
		}
		p++
	}
	q := 1
	if strings.HasPrefix(text[p:], `"""`) || strings.HasPrefix(text[p:], `'''`) {
		q = 3
	}
	if len(text) < p+2*q {
		return nil, false
	}
	body := text[p+q : len(text)-q]
	bodyOff := int(t.Off) + p + q
	line := int(t.Start.Line)
	segs := strings.Split(body, "\n")
	var out []Line
	for i, seg := range segs {
		off := 0
		if i == 0 {
			off = w.col(bodyOff, line)
		}
		seg = strings.TrimSuffix(seg, "\r")
		dec := seg
		if !raw {
			cont := false
			if n := len(seg) - len(strings.TrimRight(seg, `\`)); n%2 == 1 && i < len(segs)-1 {
				// a backslash-newline: Python joins the lines, and so does
				// the shell when the backslash stays
				cont, dec = true, seg[:len(seg)-1]
			}
			dec = python.Unescape(dec)
			if cont {
				dec += `\`
			}
		}
		if fstr {
			dec = strings.NewReplacer("{{", "{", "}}", "}").Replace(dec)
		}
		parts := strings.Split(dec, "\n")
		for _, part := range parts {
			out = append(out, Line{N: line + i, Text: part, Off: off, Rewritten: part != seg})
		}
	}
	return out, true
}
