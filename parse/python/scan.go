package python

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// Options selects tokenizer behaviour.
type Options struct {
	// Legacy tokenizes as the pure-Python tokenize module of Python <= 3.11
	// does: an f-string is one STRING token, "0777" is two NUMBER tokens, a
	// whitespace-only last line without a newline ends the stream, and mixed
	// tabs and spaces are not an error. The default follows Python 3.12+.
	Legacy bool
}

// Tokenize splits Python source into tokens the way Python 3.12+'s tokenize
// module does (without its leading ENCODING token). A UTF-8 BOM is skipped.
//
// It always returns the tokens it could make. The error, if any, is an
// *Error for the first problem found: an unterminated string, a character
// that is not Python, bad indentation, or end of file inside a bracket or a
// multi-line string (the last three stop the scan).
func Tokenize(src []byte) ([]Token, error) { return TokenizeOptions(src, Options{}) }

// TokenizeOptions is Tokenize with options.
func TokenizeOptions(src []byte, o Options) ([]Token, error) {
	s := scanner{src: src, legacy: o.Legacy}
	s.toks = make([]Token, 0, len(src)/6+8)
	s.run()
	if s.err != nil {
		return s.toks, s.err
	}
	return s.toks, nil
}

type frameKind uint8

const (
	frameLiteral frameKind = iota // inside an f-string's literal text
	frameExpr                     // inside a replacement field's expression
	frameSpec                     // inside a replacement field's format spec
)

type frame struct {
	kind   frameKind
	quote  byte
	triple bool
	raw    bool
	depth  int // parenlev just after the '{' that opened an expr/spec frame
	start  Pos // FSTRING_START position (literal frames)
}

type scanner struct {
	src    []byte
	legacy bool
	toks   []Token
	err    *Error
	fatal  bool

	pos       int
	lnum      int
	lineStart int
	lineASCII bool

	parenlev  int
	continued bool
	indents   []int
	alts      []int // indentation with tabs counted as one column (TabError check)
	frames    []frame

	wsEOF bool // last line held only whitespace and no newline
}

func (s *scanner) startLine(p int) {
	s.lnum++
	s.lineStart = p
	line := s.src[p:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i]
	}
	var acc byte
	for _, c := range line {
		acc |= c
	}
	s.lineASCII = acc < utf8.RuneSelf
}

// col is the code-point column of byte offset off on the current line.
func (s *scanner) col(off int) int {
	if s.lineASCII {
		return off - s.lineStart
	}
	return utf8.RuneCount(s.src[s.lineStart:off])
}

func (s *scanner) here(off int) Pos { return Pos{int32(s.lnum), int32(s.col(off))} }

// emit appends a token that starts and ends on the current line.
func (s *scanner) emit(k Kind, off, end int) {
	start := s.here(off)
	e := start
	if s.lineASCII {
		e.Col += int32(end - off)
	} else {
		e = s.here(end)
	}
	s.toks = append(s.toks, Token{Kind: k, Start: start, End: e, Off: int32(off), EndOff: int32(end)})
}

// emitFrom appends a token that started at start (possibly on an earlier
// line) and ends at end on the current line.
func (s *scanner) emitFrom(k Kind, start Pos, off, end int) {
	s.toks = append(s.toks, Token{Kind: k, Start: start, End: s.here(end), Off: int32(off), EndOff: int32(end)})
}

func (s *scanner) errorAt(p Pos, msg string) {
	if s.err == nil {
		s.err = &Error{Line: int(p.Line), Col: int(p.Col), Msg: msg}
	}
}

// maxParenLevel is CPython's MAXLEVEL: the deepest bracket nesting its
// tokenizer accepts (3.12+; the pure-Python tokenize of 3.11 and earlier,
// Options.Legacy, has no limit).
const maxParenLevel = 200

func (s *scanner) fail(p Pos, msg string) {
	s.errorAt(p, msg)
	s.fatal = true
}

func (s *scanner) run() {
	p := 0
	if len(s.src) >= 3 && s.src[0] == 0xEF && s.src[1] == 0xBB && s.src[2] == 0xBF {
		p = 3
	}
	s.pos = p
	s.indents = append(s.indents, 0)
	s.alts = append(s.alts, 0)
	s.startLine(p)
	for s.pos < len(s.src) && !s.fatal {
		switch s.lineStartLogic() {
		case lineStop:
			s.finish()
			return
		case lineDone:
			continue
		}
		s.scanLine()
	}
	s.finish()
}

const (
	lineScan = iota
	lineDone
	lineStop
)

// lineStartLogic handles the start of a physical line: blank and comment
// lines, indentation. It mirrors CPython's tokenize.
func (s *scanner) lineStartLogic() int {
	src := s.src
	if len(s.frames) != 0 || s.parenlev != 0 || s.continued {
		s.continued = false
		return lineScan
	}
	p := s.pos
	column, alt := 0, 0
loop:
	for p < len(src) {
		switch src[p] {
		case ' ':
			column++
			alt++
		case '\t':
			column = (column/8 + 1) * 8
			alt++
		case '\f':
			column, alt = 0, 0
		case '\\':
			// Python 3.12+ joins a backslash continuation into the
			// indentation and goes on measuring on the next line.
			e := p + 1
			if e < len(src) && src[e] == '\r' {
				e++
			}
			if s.legacy || e >= len(src) || src[e] != '\n' {
				break loop
			}
			p = e + 1
			s.startLine(p)
			continue
		default:
			break loop
		}
		p++
	}
	if p == len(src) { // whitespace-only last line without a newline
		s.wsEOF = true
		if !s.legacy {
			t := Token{Kind: NL, Start: s.here(p), Off: int32(p), EndOff: int32(p)}
			t.End = Pos{t.Start.Line, t.Start.Col + 1}
			s.toks = append(s.toks, t)
		}
		s.pos = p
		return lineStop
	}
	if c := src[p]; c == '#' || c == '\r' || c == '\n' {
		if c == '#' {
			e := p
			for e < len(src) && src[e] != '\r' && src[e] != '\n' {
				e++
			}
			s.emit(Comment, p, e)
			p = e
		}
		e := p
		for e < len(src) && src[e] != '\n' {
			e++
		}
		if e < len(src) {
			e++ // the '\n'
		}
		t := Token{Kind: NL, Start: s.here(p), End: s.here(e), Off: int32(p), EndOff: int32(e)}
		if e == p && !s.legacy {
			t.End.Col++
		}
		s.toks = append(s.toks, t)
		s.pos = e
		if e > 0 && src[e-1] == '\n' {
			s.startLine(e)
		}
		return lineDone
	}
	top := len(s.indents) - 1
	if column > s.indents[top] {
		if !s.legacy && alt <= s.alts[top] {
			s.errorAt(s.here(p), "inconsistent use of tabs and spaces in indentation")
		}
		s.indents = append(s.indents, column)
		s.alts = append(s.alts, alt)
		s.emit(Indent, s.lineStart, p)
	}
	for column < s.indents[len(s.indents)-1] {
		found := false
		for _, c := range s.indents {
			if c == column {
				found = true
				break
			}
		}
		if !found {
			s.fail(s.here(p), "unindent does not match any outer indentation level")
			return lineStop
		}
		s.indents = s.indents[:len(s.indents)-1]
		s.alts = s.alts[:len(s.alts)-1]
		s.emit(Dedent, p, p)
	}
	if !s.legacy && column == s.indents[len(s.indents)-1] && alt != s.alts[len(s.alts)-1] {
		s.errorAt(s.here(p), "inconsistent use of tabs and spaces in indentation")
	}
	s.pos = p
	return lineScan
}

func (s *scanner) finish() {
	if s.fatal {
		return
	}
	src := s.src
	endLine := s.lnum
	if s.pos != s.lineStart && !(s.legacy && s.wsEOF) {
		endLine++ // the last line has no newline
	}
	if s.parenlev != 0 || s.continued || len(s.frames) != 0 {
		s.fail(Pos{int32(endLine), 0}, "EOF in multi-line statement")
		return
	}
	if !s.wsEOF && s.pos != s.lineStart && len(src) > 0 {
		if c := src[len(src)-1]; c != '\r' && c != '\n' && !commentLine(src[s.lineStart:]) {
			t := Token{Kind: Newline, Start: s.here(len(src)), Off: int32(len(src)), EndOff: int32(len(src))}
			t.End = Pos{t.Start.Line, t.Start.Col + 1}
			s.toks = append(s.toks, t)
		}
	}
	end := Pos{int32(endLine), 0}
	n := int32(len(src))
	for range s.indents[1:] {
		s.toks = append(s.toks, Token{Kind: Dedent, Start: end, End: end, Off: n, EndOff: n})
	}
	s.toks = append(s.toks, Token{Kind: EndMarker, Start: end, End: end, Off: n, EndOff: n})
}

// commentLine reports whether line, stripped of whitespace, starts with '#'.
func commentLine(line []byte) bool {
	for len(line) > 0 {
		r, n := utf8.DecodeRune(line)
		if r == '#' {
			return true
		}
		if !pySpace(r) {
			return false
		}
		line = line[n:]
	}
	return false
}

// pySpace is Python's str.isspace for one code point.
func pySpace(r rune) bool {
	switch r {
	case ' ', '\t', '\n', '\r', '\v', '\f', 0x1c, 0x1d, 0x1e, 0x1f, 0x85:
		return true
	}
	return r > 0x7f && unicode.IsSpace(r)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// scanLine scans tokens to the end of the current logical piece of line: it
// returns after a NEWLINE/NL or a backslash continuation (at the start of
// the next physical line), at end of input, or on a fatal error.
func (s *scanner) scanLine() {
	src := s.src
	for s.pos < len(src) && !s.fatal {
		if n := len(s.frames); n > 0 && s.frames[n-1].kind != frameExpr {
			s.scanFLiteral()
			continue
		}
		ws := s.pos
		p := ws
		for p < len(src) && (src[p] == ' ' || src[p] == '\t' || src[p] == '\f') {
			p++
		}
		if p == len(src) {
			s.pos = p
			return
		}
		c := src[p]
		switch {
		case c == '\n' || c == '\r' && p+1 < len(src) && src[p+1] == '\n':
			e := p + 1
			if c == '\r' {
				e++
			}
			k := Newline
			if s.parenlev > 0 {
				k = NL
			}
			s.emit(k, p, e)
			s.pos = e
			s.startLine(e)
			return
		case c == '\\' && p+1 < len(src) && (src[p+1] == '\n' || src[p+1] == '\r' && p+2 < len(src) && src[p+2] == '\n'):
			e := p + 2
			if src[p+1] == '\r' {
				e++
			}
			s.continued = true
			s.pos = e
			s.startLine(e)
			return
		case c == '#':
			e := p
			for e < len(src) && src[e] != '\r' && src[e] != '\n' {
				e++
			}
			s.emit(Comment, p, e)
			s.pos = e
		case isDigit(c) || c == '.' && p+1 < len(src) && isDigit(src[p+1]):
			e := s.number(p)
			s.emit(Number, p, e)
			s.pos = e
		case c == '\'' || c == '"':
			s.scanString(ws, p, p)
		case c < utf8.RuneSelf && (c == '_' || 'a' <= c|0x20 && c|0x20 <= 'z'):
			if q := s.stringPrefix(p); q > p {
				s.scanString(ws, p, q)
				continue
			}
			e := s.name(p + 1)
			s.emit(Name, p, e)
			s.pos = e
		case c >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(src[p:])
			if r == utf8.RuneError && n == 1 || !s.wordRune(r) {
				s.invalid(ws, p, n, "invalid character")
				continue
			}
			e := s.name(p + n)
			k := Name
			if s.legacy && !identStart(r) {
				k = Op // what CPython <= 3.11's tokenize does for e.g. "²"
			}
			s.emit(k, p, e)
			s.pos = e
		default:
			s.operator(ws, p)
		}
	}
}

// invalid reports the character at p (n bytes) as an ERRORTOKEN, preceded
// by one ERRORTOKEN per whitespace character since ws, as tokenize does.
func (s *scanner) invalid(ws, p, n int, msg string) {
	for i := ws; i < p; i++ {
		s.emit(ErrorToken, i, i+1)
	}
	s.errorAt(s.here(p), msg)
	s.emit(ErrorToken, p, p+n)
	s.pos = p + n
}

func (s *scanner) wordRune(r rune) bool {
	if r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) {
		return true
	}
	return !s.legacy && (unicode.In(r, unicode.Mn, unicode.Mc, unicode.Pc))
}

func identStart(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.Is(unicode.Nl, r)
}

// name returns the end of the identifier whose remaining characters start at p.
func (s *scanner) name(p int) int {
	src := s.src
	for p < len(src) {
		c := src[p]
		if c < utf8.RuneSelf {
			if c == '_' || isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'z' {
				p++
				continue
			}
			return p
		}
		r, n := utf8.DecodeRune(src[p:])
		if r == utf8.RuneError && n == 1 || !s.wordRune(r) {
			return p
		}
		p += n
	}
	return p
}

// stringPrefix returns the offset of the opening quote when a valid string
// prefix (b, r, u, f, br, rb, fr, rf in any case) starts at p, else p.
func (s *scanner) stringPrefix(p int) int {
	src := s.src
	var seen [2]byte
	for i := 0; i < 2 && p+i < len(src); i++ {
		c := src[p+i] | 0x20
		if src[p+i] == '\'' || src[p+i] == '"' {
			if i == 0 {
				return p
			}
			break
		}
		if c != 'b' && c != 'r' && c != 'u' && c != 'f' {
			return p
		}
		seen[i] = c
		if i == 1 {
			if p+2 >= len(src) || src[p+2] != '\'' && src[p+2] != '"' {
				return p
			}
			a, b := seen[0], seen[1]
			if a > b {
				a, b = b, a
			}
			if !(a == 'b' && b == 'r' || a == 'f' && b == 'r') {
				return p
			}
			return p + 2
		}
	}
	if p+1 < len(src) && (src[p+1] == '\'' || src[p+1] == '"') {
		return p + 1
	}
	return p
}

// scanString scans a string literal whose prefix starts at start and whose
// opening quote is at q; ws is where the whitespace before it began.
func (s *scanner) scanString(ws, start, q int) {
	src := s.src
	raw, fstr := false, false
	for _, c := range src[start:q] {
		switch c | 0x20 {
		case 'r':
			raw = true
		case 'f':
			fstr = true
		}
	}
	quote := src[q]
	triple := q+2 < len(src) && src[q+1] == quote && src[q+2] == quote
	startPos := s.here(start)
	if fstr && !s.legacy {
		e := q + 1
		if triple {
			e = q + 3
		}
		s.emit(FStringStart, start, e)
		s.frames = append(s.frames, frame{kind: frameLiteral, quote: quote, triple: triple, raw: raw, start: startPos})
		s.pos = e
		return
	}
	if triple {
		i := q + 3
		for {
			if i >= len(src) {
				s.fail(startPos, "EOF in multi-line string")
				s.pos = len(src)
				return
			}
			c := src[i]
			switch {
			case c == '\\':
				i++
				if i < len(src) {
					if src[i] == '\n' {
						s.startLine(i + 1)
					}
					i++
				}
			case c == quote && i+2 < len(src) && src[i+1] == quote && src[i+2] == quote:
				s.emitFrom(String, startPos, start, i+3)
				s.pos = i + 3
				return
			case c == '\n':
				i++
				s.startLine(i)
			default:
				i++
			}
		}
	}
	i := q + 1
	first := true
	for {
		if i >= len(src) || src[i] == '\n' && !first {
			if first {
				s.unterminated(ws, start, q)
				return
			}
			// tokenize gives up on a continued string whose next line
			// neither closes it nor continues it.
			e := i
			if i < len(src) {
				e++
			}
			s.errorAt(startPos, "unterminated string literal")
			s.emitFrom(ErrorToken, startPos, start, e)
			s.pos = e
			if e > 0 && src[e-1] == '\n' {
				s.startLine(e)
			}
			return
		}
		c := src[i]
		switch {
		case c == quote:
			s.emitFrom(String, startPos, start, i+1)
			s.pos = i + 1
			return
		case c == '\\':
			if i+1 < len(src) && src[i+1] == '\n' {
				i += 2
				s.startLine(i)
				first = false
			} else if i+2 < len(src) && src[i+1] == '\r' && src[i+2] == '\n' {
				i += 3
				s.startLine(i)
				first = false
			} else if i+1 < len(src) {
				i += 2
			} else {
				i++
			}
		case c == '\n':
			s.unterminated(ws, start, q)
			return
		default:
			i++
		}
	}
}

// unterminated handles a single-quoted string with no end on its line: as
// tokenize does, the prefix becomes a NAME and the quote an ERRORTOKEN.
func (s *scanner) unterminated(ws, start, q int) {
	if q > start {
		s.emit(Name, start, q)
		ws = q
	}
	s.invalid(ws, q, 1, "unterminated string literal")
}

// scanFLiteral scans f-string literal text (or a format spec) from s.pos up
// to the next replacement field, the end of the spec or the closing quote.
func (s *scanner) scanFLiteral() {
	src := s.src
	top := len(s.frames) - 1
	inSpec := s.frames[top].kind == frameSpec
	li := top
	for s.frames[li].kind != frameLiteral {
		li--
	}
	lit := s.frames[li]
	start := s.pos
	startPos := s.here(start)
	middle := func(end int) {
		if end > start {
			s.emitFrom(FStringMiddle, startPos, start, end)
		}
	}
	i := start
	for {
		if i >= len(src) {
			s.fail(lit.start, "unterminated f-string literal")
			s.pos = len(src)
			return
		}
		c := src[i]
		if c == lit.quote && (!lit.triple || i+2 < len(src) && src[i+1] == c && src[i+2] == c) {
			if inSpec {
				s.errorAt(s.here(i), "f-string: expecting '}'")
			}
			middle(i)
			e := i + 1
			if lit.triple {
				e = i + 3
			}
			s.emit(FStringEnd, i, e)
			s.popFrames(li)
			s.pos = e
			return
		}
		switch c {
		case '\\':
			switch {
			case !lit.raw && i+2 < len(src) && src[i+1] == 'N' && src[i+2] == '{':
				i += 3
				for i < len(src) && src[i] != '}' && src[i] != '\n' && src[i] != lit.quote {
					i++
				}
				if i < len(src) && src[i] == '}' {
					i++
				}
			case i+1 < len(src) && (src[i+1] == '{' || src[i+1] == '}'):
				i++
			default:
				i++
				if i < len(src) {
					if src[i] == '\n' {
						s.startLine(i + 1)
					}
					i++
				}
			}
		case '{':
			if !inSpec && i+1 < len(src) && src[i+1] == '{' {
				i += 2
				continue
			}
			middle(i)
			s.emit(Op, i, i+1)
			s.parenlev++
			if s.parenlev > maxParenLevel && !s.legacy {
				s.fail(s.here(i), "too many nested parentheses")
				return
			}
			s.frames = append(s.frames, frame{kind: frameExpr, depth: s.parenlev})
			s.pos = i + 1
			return
		case '}':
			if inSpec {
				middle(i)
				s.emit(Op, i, i+1)
				s.parenlev--
				s.frames = s.frames[:top]
				s.pos = i + 1
				return
			}
			if i+1 < len(src) && src[i+1] == '}' {
				i += 2
				continue
			}
			s.errorAt(s.here(i), "f-string: single '}' is not allowed")
			i++
		case '\n':
			if !lit.triple {
				s.errorAt(lit.start, "unterminated f-string literal")
				middle(i)
				s.popFrames(li)
				s.pos = i
				return
			}
			i++
			s.startLine(i)
		default:
			i++
		}
	}
}

// popFrames drops frames[li:], undoing the bracket level of open fields.
func (s *scanner) popFrames(li int) {
	for _, f := range s.frames[li:] {
		if f.kind != frameLiteral {
			s.parenlev--
		}
	}
	s.frames = s.frames[:li]
}

// operator scans an operator at p, or reports an invalid character.
func (s *scanner) operator(ws, p int) {
	src := s.src
	c := src[p]
	var c1, c2 byte
	if p+1 < len(src) {
		c1 = src[p+1]
	}
	if p+2 < len(src) {
		c2 = src[p+2]
	}
	if n := len(s.frames); n > 0 && s.frames[n-1].kind == frameExpr && s.parenlev == s.frames[n-1].depth {
		switch {
		case c == '}':
			s.emit(Op, p, p+1)
			s.parenlev--
			s.frames = s.frames[:n-1]
			s.pos = p + 1
			return
		case c == ':':
			s.emit(Op, p, p+1)
			s.frames[n-1].kind = frameSpec
			s.pos = p + 1
			return
		case c == '!' && c1 != '=':
			s.emit(Op, p, p+1)
			s.pos = p + 1
			return
		}
	}
	n := 0
	switch c {
	case '*', '/', '<', '>':
		switch {
		case c1 == c && c2 == '=':
			n = 3
		case c1 == c || c1 == '=':
			n = 2
		default:
			n = 1
		}
	case '.':
		n = 1
		if c1 == '.' && c2 == '.' {
			n = 3
		}
	case '-':
		n = 1
		if c1 == '=' || c1 == '>' {
			n = 2
		}
	case '!':
		if c1 == '=' {
			n = 2
		} else if !s.legacy {
			n = 1
		}
	case ':', '%', '&', '+', '=', '@', '^', '|':
		n = 1
		if c1 == '=' {
			n = 2
		}
	case '(', '[', '{':
		s.parenlev++
		if s.parenlev > maxParenLevel && !s.legacy {
			// CPython's tokenizer (MAXLEVEL) refuses deeper nesting; so
			// does this one, which also keeps the model's work linear.
			s.fail(s.here(p), "too many nested parentheses")
			return
		}
		n = 1
	case ')', ']', '}':
		// An unmatched bracket is the parser's error, not the tokenizer's.
		// CPython <= 3.11's tokenize lets the level go negative (and then
		// ends with "EOF in multi-line statement"); 3.12+ stays at 0.
		if s.parenlev > 0 || s.legacy {
			s.parenlev--
		}
		n = 1
	case ',', ';', '~':
		n = 1
	}
	if n == 0 {
		s.invalid(ws, p, 1, "invalid character")
		return
	}
	s.emit(Op, p, p+n)
	s.pos = p + n
}

// number returns the end of the numeric literal at p, following the regular
// expression of CPython's tokenize module (first matching alternative).
func (s *scanner) number(p int) int {
	src := s.src
	isJ := func(i int) bool { return i < len(src) && src[i]|0x20 == 'j' }
	if e := s.digitpart(p); e >= 0 && isJ(e) {
		return e + 1
	}
	if e := s.float(p); e >= 0 {
		if isJ(e) {
			return e + 1
		}
		return e
	}
	if src[p] == '0' && p+1 < len(src) {
		var ok func(byte) bool
		switch src[p+1] | 0x20 {
		case 'x':
			ok = func(c byte) bool { return isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'f' }
		case 'b':
			ok = func(c byte) bool { return c == '0' || c == '1' }
		case 'o':
			ok = func(c byte) bool { return '0' <= c && c <= '7' }
		}
		if ok != nil {
			i := p + 2
			for {
				if i < len(src) && ok(src[i]) {
					i++
				} else if i+1 < len(src) && src[i] == '_' && ok(src[i+1]) {
					i += 2
				} else {
					break
				}
			}
			if i > p+2 {
				return i
			}
		}
	}
	if src[p] == '0' && s.legacy {
		i := p + 1
		for {
			if i < len(src) && src[i] == '0' {
				i++
			} else if i+1 < len(src) && src[i] == '_' && src[i+1] == '0' {
				i += 2
			} else {
				return i
			}
		}
	}
	return s.digitpart(p)
}

func (s *scanner) digitpart(i int) int {
	src := s.src
	if i >= len(src) || !isDigit(src[i]) {
		return -1
	}
	i++
	for {
		if i < len(src) && isDigit(src[i]) {
			i++
		} else if i+1 < len(src) && src[i] == '_' && isDigit(src[i+1]) {
			i += 2
		} else {
			return i
		}
	}
}

func (s *scanner) exponent(i int) int {
	src := s.src
	if i >= len(src) || src[i]|0x20 != 'e' {
		return -1
	}
	i++
	if i < len(src) && (src[i] == '+' || src[i] == '-') {
		i++
	}
	return s.digitpart(i)
}

func (s *scanner) float(p int) int {
	src := s.src
	e := -1
	if isDigit(src[p]) {
		d := s.digitpart(p)
		if d < len(src) && src[d] == '.' {
			e = d + 1
			if f := s.digitpart(e); f >= 0 {
				e = f
			}
		} else {
			return s.exponent(d) // Expfloat
		}
	} else if src[p] == '.' {
		e = s.digitpart(p + 1)
		if e < 0 {
			return -1
		}
	} else {
		return -1
	}
	if x := s.exponent(e); x >= 0 {
		e = x
	}
	return e
}
