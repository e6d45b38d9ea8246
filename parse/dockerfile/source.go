package dockerfile

import (
	"encoding/json"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// Pos is a place in a Dockerfile: a 1-based line and a 1-based byte
// column (0 when only the line is known).
type Pos struct {
	Line, Col int
}

// SourceMap maps the byte offsets of a text that the Docker parser built
// from the file (an instruction's logical line, with its line
// continuations and the comment lines inside them removed, or a heredoc's
// body) back to the places in the file they come from, so that a word
// found by the shell parser is reported on the line where it is written.
type SourceMap struct {
	segs []segment // sorted by off
	// A map of a script nested in a word of another ("sh -c 'SCRIPT'"):
	// offsets are relative to base in parent; when the word is not
	// verbatim (escapes, expansions) every offset maps to base.
	parent   *SourceMap
	base     int
	verbatim bool
}

// segment says that the bytes from off on (up to the next segment) are
// the bytes of a file line from column col on.
type segment struct {
	off int
	pos Pos
}

// At returns where the byte at offset off comes from. Offsets past the
// end map into the last segment; a nil or empty map gives the zero Pos.
func (m *SourceMap) At(off int) Pos {
	if m == nil {
		return Pos{}
	}
	if m.parent != nil {
		if !m.verbatim {
			return m.parent.At(m.base)
		}
		return m.parent.At(m.base + max(off, 0))
	}
	if len(m.segs) == 0 {
		return Pos{}
	}
	i := sort.Search(len(m.segs), func(i int) bool { return m.segs[i].off > off }) - 1
	if i < 0 {
		i = 0
	}
	s := m.segs[i]
	p := s.pos
	if p.Col > 0 {
		p.Col += max(off-s.off, 0)
	}
	return p
}

// Sub returns the map of a text that starts at offset base of this one;
// verbatim says whether its bytes are this text's bytes (a single-quoted
// word) or were rewritten (escapes removed), in which case every offset
// maps to base.
func (m *SourceMap) Sub(base int, verbatim bool) *SourceMap {
	if m == nil {
		return nil
	}
	return &SourceMap{parent: m, base: base, verbatim: verbatim}
}

// lineMap maps a text of whole lines, the first of which is file line
// first, each starting at column 1.
func lineMap(text string, first int) *SourceMap {
	m := &SourceMap{segs: []segment{{0, Pos{first, 1}}}}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' {
			first++
			m.segs = append(m.segs, segment{i + 1, Pos{first, 1}})
		}
	}
	return m
}

// continued reports whether a line of a Dockerfile ends in the escape
// token and then only blanks, as the Docker parser's line-continuation
// pattern says, and returns the line without that ending. An escape token
// after another escape token (an escaped escape) does not continue the line.
func continued(line string, escape rune) (string, bool) {
	body, ok := strings.CutSuffix(strings.TrimRight(line, " \t"), string(escape))
	if !ok {
		return line, false
	}
	if r, _ := utf8.DecodeLastRuneInString(body); body != "" && r == escape {
		return line, false
	}
	return body, true
}

// logical is an instruction's logical line as the Docker parser builds it,
// with its map to the file.
type logical struct {
	text string
	m    *SourceMap
	end  int // the file line the logical line ends on
}

// logicalLine rebuilds the logical line of the instruction that starts on
// file line start, as BuildKit's parser does: leading blanks of the first
// line dropped, a line ending in the escape token continued by the next,
// comment lines and blank lines inside the continuation skipped.
func (f *File) logicalLine(start int) logical {
	escape := f.EscapeToken
	if escape == 0 {
		escape = '\\'
	}
	var b strings.Builder
	m := &SourceMap{}
	line := start
	first := true
	for ; line >= 1 && line <= len(f.Lines); line++ {
		raw := strings.TrimRight(f.Lines[line-1], "\r\n")
		col := 1
		if line == 1 && strings.HasPrefix(raw, "\uFEFF") {
			raw, col = raw[len("\uFEFF"):], col+len("\uFEFF")
		}
		if first {
			trimmed := strings.TrimLeftFunc(raw, unicode.IsSpace)
			col += len(raw) - len(trimmed)
			raw = trimmed
		} else {
			t := strings.TrimLeftFunc(raw, unicode.IsSpace)
			if strings.HasPrefix(t, "#") || t == "" {
				continue // the parser skips these inside a continuation
			}
		}
		first = false
		raw, cont := continued(raw, escape)
		if raw != "" {
			m.segs = append(m.segs, segment{b.Len(), Pos{line, col}})
			b.WriteString(raw)
		}
		if !cont {
			break
		}
	}
	end := min(line, len(f.Lines))
	if len(m.segs) == 0 {
		m.segs = []segment{{0, Pos{start, 0}}}
	}
	return logical{text: b.String(), m: m, end: end}
}

// At maps a byte offset of the text of the logical line.
func (l logical) At(off int) Pos { return l.m.At(off) }

// Locate returns where word is written in the instruction starting on
// file line start: the first occurrence of it as a whole word (delimited
// by blanks, quotes, "=", ",", brackets or the ends) after the
// instruction's keyword, mapped back through line continuations. When the
// word is not found it returns the instruction's line with column 0.
func (f *File) Locate(start int, word string) Pos {
	if word == "" {
		return Pos{Line: start}
	}
	l := f.logicalLine(start)
	from := strings.IndexFunc(l.text, unicode.IsSpace) // skip the keyword
	if from < 0 {
		return Pos{Line: start}
	}
	for i := from; i <= len(l.text)-len(word); {
		j := strings.Index(l.text[i:], word)
		if j < 0 {
			break
		}
		at := i + j
		if wordBoundary(l.text, at-1) && wordBoundary(l.text, at+len(word)) {
			return l.At(at)
		}
		i = at + 1
	}
	return Pos{Line: start}
}

func wordBoundary(s string, i int) bool {
	if i < 0 || i >= len(s) {
		return true
	}
	return strings.IndexByte(" \t\"'=,[]", s[i]) >= 0
}

// Scripts returns what a RUN instruction runs (as RunScripts does), each
// with the map from its text to the file, so that the calls its Parse
// returns carry their real lines and columns.
func (f *File) Scripts(c Command) []RunScript {
	rc, ok := runCommand(c.Inst)
	if !ok {
		return nil
	}
	scripts := RunScripts(rc)
	l := f.logicalLine(c.Line)
	bodyLine := l.end + 1 // the first heredoc body starts after the logical line
	var pos int           // exec-form search position
	for i := range scripts {
		s := &scripts[i]
		switch {
		case s.Exec:
			// The argv is JSON in the logical line: find each string in turn.
			pos = strings.Index(l.text, "[")
			for _, a := range s.Args {
				q, _ := json.Marshal(a)
				j := -1
				if pos >= 0 {
					j = strings.Index(l.text[pos:], string(q))
				}
				if j < 0 {
					s.argMaps = append(s.argMaps, l.m.Sub(0, false))
					continue
				}
				at := pos + j
				s.argMaps = append(s.argMaps, l.m.Sub(at+1, string(q) == `"`+a+`"`))
				pos = at + len(q)
			}
		case s.Heredoc:
			// The bodies follow the logical line in order, each closed by
			// its terminator line.
			line := bodyLine
			for k := 0; k < s.file && k < len(rc.Files); k++ {
				line += strings.Count(rc.Files[k].Data, "\n") + 1
			}
			s.m = lineMap(s.Src, line)
		default:
			s.m = commandMap(l, s.Src, bodyLine)
		}
	}
	return scripts
}

// runCommand returns the RUN instruction of a command.
func runCommand(inst any) (*instructions.RunCommand, bool) {
	rc, ok := inst.(*instructions.RunCommand)
	return rc, ok && rc != nil
}

// commandMap maps the shell-form script of a RUN: its command line, which
// ends the logical line, then the heredoc bodies (and terminators) that
// RunScripts appended, which start on file line bodyLine.
func commandMap(l logical, src string, bodyLine int) *SourceMap {
	cmd, _, _ := strings.Cut(src, "\n")
	trimmed := strings.TrimRightFunc(l.text, unicode.IsSpace)
	if !strings.HasSuffix(trimmed, cmd) {
		return l.m.Sub(0, false)
	}
	base := len(trimmed) - len(cmd)
	m := &SourceMap{}
	for i, sg := range l.m.segs {
		next := len(l.text) + 1
		if i+1 < len(l.m.segs) {
			next = l.m.segs[i+1].off
		}
		if next <= base {
			continue
		}
		if sg.off < base {
			sg.pos.Col += base - sg.off
			sg.off = base
		}
		sg.off -= base
		m.segs = append(m.segs, sg)
	}
	if len(m.segs) == 0 {
		return l.m.Sub(0, false)
	}
	if len(cmd) < len(src) {
		rest := lineMap(src[len(cmd)+1:], bodyLine)
		for _, sg := range rest.segs {
			sg.off += len(cmd) + 1
			m.segs = append(m.segs, sg)
		}
	}
	return m
}
