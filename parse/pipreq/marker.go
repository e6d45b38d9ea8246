package pipreq

import (
	"errors"
	"fmt"
	"strings"
)

// markerVars are the PEP 508 environment markers, plus the legacy dotted
// names and newer variables that the packaging library accepts.
var markerVars = map[string]bool{
	"python_version": true, "python_full_version": true, "os_name": true, "sys_platform": true,
	"platform_release": true, "platform_system": true, "platform_version": true,
	"platform_machine": true, "platform_python_implementation": true,
	"implementation_name": true, "implementation_version": true, "extra": true,
	"extras": true, "dependency_groups": true,
	"os.name": true, "sys.platform": true, "platform.version": true, "platform.machine": true,
	"platform.python_implementation": true, "python_implementation": true,
}

type markerTok struct {
	kind byte // 'v' variable, 's' string, 'o' operator, '(' ')', 'a' and, 'r' or
	text string
}

func lexMarker(s string) ([]markerTok, error) {
	var toks []markerTok
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case isSpace(c):
			i++
		case c == '(' || c == ')':
			toks = append(toks, markerTok{c, string(c)})
			i++
		case c == '\'' || c == '"':
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				return nil, fmt.Errorf("marker %q: unterminated string", s)
			}
			toks = append(toks, markerTok{'s', s[i+1 : i+1+j]})
			i += j + 2
		case strings.IndexByte("<>=!~", c) >= 0:
			op := ""
			for _, o := range []string{"===", "==", "!=", "~=", ">=", "<=", ">", "<"} {
				if strings.HasPrefix(s[i:], o) {
					op = o
					break
				}
			}
			if op == "" {
				return nil, fmt.Errorf("marker %q: invalid operator at %q", s, s[i:])
			}
			toks = append(toks, markerTok{'o', op})
			i += len(op)
		case c == '_' || c == '.' || (c|0x20 >= 'a' && c|0x20 <= 'z'):
			j := i
			for j < len(s) && (s[j] == '_' || s[j] == '.' || (s[j]|0x20 >= 'a' && s[j]|0x20 <= 'z') || (s[j] >= '0' && s[j] <= '9')) {
				j++
			}
			w := s[i:j]
			switch w {
			case "and":
				toks = append(toks, markerTok{'a', w})
			case "or":
				toks = append(toks, markerTok{'r', w})
			case "in":
				toks = append(toks, markerTok{'o', w})
			case "not":
				k := j
				for k < len(s) && isSpace(s[k]) {
					k++
				}
				if k == j || !strings.HasPrefix(s[k:], "in") || (k+2 < len(s) && !isSpace(s[k+2]) && s[k+2] != '\'' && s[k+2] != '"') {
					return nil, fmt.Errorf("marker %q: expected \"not in\"", s)
				}
				toks = append(toks, markerTok{'o', "not in"})
				j = k + 2
			default:
				if !markerVars[w] {
					return nil, fmt.Errorf("marker %q: unknown variable %q", s, w)
				}
				toks = append(toks, markerTok{'v', w})
			}
			i = j
		default:
			return nil, fmt.Errorf("marker %q: unexpected %q", s, string(c))
		}
	}
	return toks, nil
}

// validateMarker checks PEP 508 marker syntax:
//
//	marker = and ("or" and)* ; and = expr ("and" expr)* ;
//	expr = "(" marker ")" | value op value ; value = variable | string
func validateMarker(s string) error {
	if strings.TrimSpace(s) == "" {
		return errors.New("empty marker after \";\"")
	}
	toks, err := lexMarker(s)
	if err != nil {
		return err
	}
	p := &markerParser{toks: toks, src: s}
	if err := p.or(0); err != nil {
		return err
	}
	if p.i != len(toks) {
		return fmt.Errorf("marker %q: unexpected %q", s, toks[p.i].text)
	}
	return nil
}

type markerParser struct {
	toks []markerTok
	i    int
	src  string
}

func (p *markerParser) next() (markerTok, bool) {
	if p.i >= len(p.toks) {
		return markerTok{}, false
	}
	t := p.toks[p.i]
	p.i++
	return t, true
}

func (p *markerParser) peekKind() byte {
	if p.i >= len(p.toks) {
		return 0
	}
	return p.toks[p.i].kind
}

func (p *markerParser) or(depth int) error {
	if depth > 50 {
		return fmt.Errorf("marker %q: nested too deeply", p.src)
	}
	if err := p.and(depth); err != nil {
		return err
	}
	for p.peekKind() == 'r' {
		p.i++
		if err := p.and(depth); err != nil {
			return err
		}
	}
	return nil
}

func (p *markerParser) and(depth int) error {
	if err := p.expr(depth); err != nil {
		return err
	}
	for p.peekKind() == 'a' {
		p.i++
		if err := p.expr(depth); err != nil {
			return err
		}
	}
	return nil
}

func (p *markerParser) expr(depth int) error {
	if p.peekKind() == '(' {
		p.i++
		if err := p.or(depth + 1); err != nil {
			return err
		}
		if t, ok := p.next(); !ok || t.kind != ')' {
			return fmt.Errorf("marker %q: missing \")\"", p.src)
		}
		return nil
	}
	for k, want := range []string{"a variable or a quoted string", "a comparison operator", "a variable or a quoted string"} {
		t, ok := p.next()
		good := ok && ((k != 1 && (t.kind == 'v' || t.kind == 's')) || (k == 1 && t.kind == 'o'))
		if !good {
			got := "the end"
			if ok {
				got = fmt.Sprintf("%q", t.text)
			}
			return fmt.Errorf("marker %q: expected %s, got %s", p.src, want, got)
		}
	}
	return nil
}
