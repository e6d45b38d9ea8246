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
		v, ok := stringToken(expr[t.Off:t.EndOff])
		if !ok {
			return "", false
		}
		sb.WriteString(v)
		n++
	}
	return sb.String(), n > 0
}

// stringToken decodes one STRING token's text.
func stringToken(s string) (string, bool) {
	q := strings.IndexAny(s, `"'`)
	if q < 0 {
		return "", false
	}
	prefix := strings.ToLower(s[:q])
	if strings.ContainsAny(prefix, "bf") {
		return "", false
	}
	raw := strings.Contains(prefix, "r")
	body := s[q:]
	n := 1
	if len(body) >= 6 && (strings.HasPrefix(body, `"""`) || strings.HasPrefix(body, `'''`)) {
		n = 3
	}
	if len(body) < 2*n {
		return "", false
	}
	body = body[n : len(body)-n]
	if raw || !strings.Contains(body, `\`) {
		return body, true
	}
	var sb strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' || i+1 >= len(body) {
			sb.WriteByte(c)
			continue
		}
		i++
		switch e := body[i]; e {
		case '\n':
		case '\\', '\'', '"':
			sb.WriteByte(e)
		case 'n':
			sb.WriteByte('\n')
		case 't':
			sb.WriteByte('\t')
		case 'r':
			sb.WriteByte('\r')
		case '0':
			sb.WriteByte(0)
		case 'x', 'u', 'U':
			w := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
			if i+1+w <= len(body) {
				if v, err := strconv.ParseUint(body[i+1:i+1+w], 16, 32); err == nil && utf8.ValidRune(rune(v)) {
					sb.WriteRune(rune(v))
					i += w
					continue
				}
			}
			sb.WriteByte('\\')
			sb.WriteByte(e)
		default:
			// Python keeps unknown escapes as written
			sb.WriteByte('\\')
			sb.WriteByte(e)
		}
	}
	return sb.String(), true
}
