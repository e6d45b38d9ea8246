package pipreq

import (
	"errors"
	"fmt"
	"strings"
)

// optSpec describes one option the way optparse sees it.
type optSpec struct {
	long  string
	short string // "-r", or ""
	value bool   // takes one argument
}

// fileOptions are the options pip accepts in a requirements file
// (req_file.SUPPORTED_OPTIONS and SUPPORTED_OPTIONS_REQ).
var fileOptions = []optSpec{
	{"--index-url", "-i", true},
	{"--extra-index-url", "", true},
	{"--no-index", "", false},
	{"--constraint", "-c", true},
	{"--requirement", "-r", true},
	{"--editable", "-e", true},
	{"--find-links", "-f", true},
	{"--no-binary", "", true},
	{"--only-binary", "", true},
	{"--prefer-binary", "", false},
	{"--require-hashes", "", false},
	{"--pre", "", false},
	{"--trusted-host", "", true},
	{"--use-feature", "", true},
	// Per-requirement options.
	{"--global-option", "", true},
	{"--hash", "", true},
	{"--config-settings", "-C", true},
}

type parsedOpts struct {
	opts []Option
	args []string // positional leftovers (pip ignores them)
}

func (p parsedOpts) values(name string) []string {
	var out []string
	for _, o := range p.opts {
		if o.Name == name {
			out = append(out, o.Value)
		}
	}
	return out
}

func (p parsedOpts) has(name string) bool {
	for _, o := range p.opts {
		if o.Name == name {
			return true
		}
	}
	return false
}

// lookupLong finds a long option by exact name or unambiguous prefix, as
// optparse does.
func lookupLong(name string, table []optSpec) (optSpec, error) {
	var matches []optSpec
	for _, o := range table {
		if o.long == name {
			return o, nil
		}
		if strings.HasPrefix(o.long, name) {
			matches = append(matches, o)
		}
	}
	switch len(matches) {
	case 0:
		return optSpec{}, fmt.Errorf("no such option: %s", name)
	case 1:
		return matches[0], nil
	}
	var names []string
	for _, m := range matches {
		names = append(names, m.long)
	}
	return optSpec{}, fmt.Errorf("ambiguous option: %s (%s?)", name, strings.Join(names, ", "))
}

func lookupShort(name string, table []optSpec) (optSpec, bool) {
	for _, o := range table {
		if o.short == name {
			return o, true
		}
	}
	return optSpec{}, false
}

// parseOptions reads optparse-style arguments against table. Positional
// arguments are collected (interspersed, like optparse); "--" ends options.
func parseOptions(tokens []string, table []optSpec) (parsedOpts, error) {
	var p parsedOpts
	for i := 0; i < len(tokens); i++ {
		t := tokens[i]
		switch {
		case t == "--":
			p.args = append(p.args, tokens[i+1:]...)
			return p, nil
		case strings.HasPrefix(t, "--"):
			name, val, hasVal := strings.Cut(t, "=")
			spec, err := lookupLong(name, table)
			if err != nil {
				return p, err
			}
			if !spec.value {
				if hasVal {
					return p, fmt.Errorf("%s option does not take a value", spec.long)
				}
				p.opts = append(p.opts, Option{Name: spec.long})
				continue
			}
			if !hasVal {
				if i+1 >= len(tokens) {
					return p, fmt.Errorf("%s option requires 1 argument", spec.long)
				}
				i++
				val = tokens[i]
			}
			if err := p.add(spec, val); err != nil {
				return p, err
			}
		case len(t) > 1 && t[0] == '-':
			// A cluster of short options; one taking a value consumes the
			// rest of the token or the next token.
			for j := 1; j < len(t); j++ {
				spec, ok := lookupShort("-"+string(t[j]), table)
				if !ok {
					return p, fmt.Errorf("no such option: -%c", t[j])
				}
				if !spec.value {
					p.opts = append(p.opts, Option{Name: spec.long})
					continue
				}
				val := t[j+1:]
				if val == "" {
					if i+1 >= len(tokens) {
						return p, fmt.Errorf("%s option requires 1 argument", spec.short)
					}
					i++
					val = tokens[i]
				}
				if err := p.add(spec, val); err != nil {
					return p, err
				}
				break
			}
		default:
			p.args = append(p.args, t)
		}
	}
	return p, nil
}

var hashAlgos = map[string]bool{"sha256": true, "sha384": true, "sha512": true}

func (p *parsedOpts) add(spec optSpec, val string) error {
	if spec.long == "--hash" {
		algo, digest, ok := strings.Cut(val, ":")
		if !ok || digest == "" {
			return fmt.Errorf("arguments to --hash must be a hash name followed by a value, like --hash=sha256:abcde..., not %q", val)
		}
		if !hashAlgos[algo] {
			return fmt.Errorf("allowed hash algorithms for --hash are sha256, sha384, sha512, not %q", algo)
		}
	}
	p.opts = append(p.opts, Option{Name: spec.long, Value: val})
	return nil
}

// shlexSplit splits like Python's shlex.split (POSIX mode, no comments):
// whitespace separates words, '...' is literal, "..." allows \" and \\,
// and a backslash outside quotes escapes the next character.
func shlexSplit(s string) ([]string, error) {
	var out []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			if inWord {
				out = append(out, cur.String())
				cur.Reset()
				inWord = false
			}
		case c == '\\':
			if i+1 >= len(s) {
				return nil, errors.New("no escaped character after \"\\\"")
			}
			i++
			cur.WriteByte(s[i])
			inWord = true
		case c == '\'':
			j := strings.IndexByte(s[i+1:], '\'')
			if j < 0 {
				return nil, errors.New("no closing quotation")
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		case c == '"':
			i++
			closed := false
			for ; i < len(s); i++ {
				if s[i] == '"' {
					closed = true
					break
				}
				if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '"' || s[i+1] == '\\') {
					i++
				}
				cur.WriteByte(s[i])
			}
			if !closed {
				return nil, errors.New("no closing quotation")
			}
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		out = append(out, cur.String())
	}
	return out, nil
}
