package python

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// StringValue returns the value of expr when it is a str literal, or
// several adjacent ones (implicit concatenation), written in Python
// source: "'org/name'", `r"C:\x"`, `"a" "b"`. f-strings, bytes and
// anything that is not only string literals give ok false.
func StringValue(expr string) (string, bool) {
	toks, err := Tokenize([]byte(expr))
	if err != nil {
		return "", false
	}
	var sb strings.Builder
	n := 0
	for _, t := range toks {
		switch t.Kind {
		case NL, Newline, EndMarker, Comment:
			continue
		case String:
		default:
			return "", false
		}
		v, ok := StringToken(expr[t.Off:t.EndOff])
		if !ok {
			return "", false
		}
		sb.WriteString(v)
		n++
	}
	return sb.String(), n > 0
}

// StringToken decodes one Python string literal token. ok is false for
// bytes and f-strings (an f-string's value is computed at run time) and for
// text that is not a string literal.
func StringToken(tok string) (val string, ok bool) {
	i := 0
	raw := false
	for i < len(tok) && tok[i] != '\'' && tok[i] != '"' {
		switch tok[i] {
		case 'r', 'R':
			raw = true
		case 'u', 'U':
		default: // b, f, t or not a prefix at all
			return "", false
		}
		i++
	}
	body := tok[i:]
	var q string
	switch {
	case strings.HasPrefix(body, `"""`) || strings.HasPrefix(body, `'''`):
		q = body[:3]
	case len(body) > 0:
		q = body[:1]
	default:
		return "", false
	}
	if len(body) < 2*len(q) || !strings.HasSuffix(body, q) {
		return "", false
	}
	body = body[len(q) : len(body)-len(q)]
	if raw {
		return body, true
	}
	return unescape(body), true
}

// Unescape applies Python's escape sequences to the body of a str literal
// (the text between its quotes, not raw); an unknown escape keeps its
// backslash, as Python does.
func Unescape(s string) string { return unescape(s) }

// unescape applies Python's escape sequences; an unknown escape keeps its
// backslash, as Python does.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch e := s[i]; e {
		case '\n':
			// a backslash-newline joins lines
		case '\\', '\'', '"':
			b.WriteByte(e)
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'v':
			b.WriteByte('\v')
		case 'x', 'u', 'U':
			n := 2
			if e == 'u' {
				n = 4
			} else if e == 'U' {
				n = 8
			}
			if i+1+n <= len(s) {
				if v, err := strconv.ParseUint(s[i+1:i+1+n], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
					b.WriteRune(rune(v))
					i += n
					continue
				}
			}
			b.WriteByte('\\')
			b.WriteByte(e)
		case '0', '1', '2', '3', '4', '5', '6', '7':
			j := i
			for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' {
				j++
			}
			v, _ := strconv.ParseUint(s[i:j], 8, 32)
			b.WriteRune(rune(v))
			i = j - 1
		default:
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	return b.String()
}

// SplitTopLevel splits an expression at its top-level commas, as a tuple's
// items: "a, f(b, c), [d, e]" -> "a", "f(b, c)", "[d, e]". Brackets and
// strings are kept whole; a trailing comma adds no item. An expression
// that does not tokenize gives nil.
func SplitTopLevel(expr string) []string {
	toks, err := Tokenize([]byte(expr))
	if err != nil {
		return nil
	}
	var out []string
	depth, start := 0, 0
	for _, t := range toks {
		if t.Kind != Op {
			continue
		}
		switch expr[t.Off:t.EndOff] {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		case ",":
			if depth == 0 {
				out = append(out, strings.TrimSpace(expr[start:t.Off]))
				start = int(t.EndOff)
			}
		}
	}
	if last := strings.TrimSpace(expr[start:]); last != "" {
		out = append(out, last)
	}
	return out
}
