package ini

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/git-repro/git-repro/internal/lazyre"
)

// Dialect is the tool whose reading of INI text Parse follows.
type Dialect int

const (
	// ConfigParser is Python's configparser with its defaults.
	ConfigParser Dialect = iota
	// Thinc is configparser keeping the keys' case (spaCy, thinc).
	Thinc
	// ConfigObj is configobj (DVC) and npm's ini.
	ConfigObj
)

// File is a parsed INI file.
type File struct {
	Sections []*Section
	Errors   []Error
}

// Section is one [section]; with ConfigObj, the keys before the first
// header are in a section named "" at line 0.
type Section struct {
	Name    string
	Line    int
	Options []*Option
}

// Option is one key = value of a section: the key's line and the value's
// lines (the text after the delimiter first, then continuation lines),
// each with its line number.
type Option struct {
	Key   string
	Line  int
	Lines []Line
}

// Line is one line of a value.
type Line struct {
	N, Col int // 1-based line and column (in code points) of Text
	Text   string
}

// Error is a line Parse could not read.
type Error struct {
	Line int
	Msg  string
}

func (e Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// Section returns the first section called name, or nil.
func (f *File) Section(name string) *Section {
	for _, s := range f.Sections {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Option returns the option called key, or nil.
func (s *Section) Option(key string) *Option {
	for _, o := range s.Options {
		if o.Key == key {
			return o
		}
	}
	return nil
}

// Col is the column of the value's first line, 0 for a key without a
// value.
func (o *Option) Col() int {
	if len(o.Lines) == 0 {
		return 0
	}
	return o.Lines[0].Col
}

// Value is the option's value as configparser returns it: its lines
// joined with newlines ("" for a key without a value).
func (o *Option) Value() string {
	if len(o.Lines) == 1 {
		return o.Lines[0].Text
	}
	parts := make([]string, len(o.Lines))
	for i, l := range o.Lines {
		parts[i] = l.Text
	}
	return strings.Join(parts, "\n")
}

var (
	sectionRe = lazyre.New(`^\[(.+)\]$`)
	optionRe  = lazyre.New(`^(.*?)\s*([=:])\s*(.*)$`)
)

// Parse reads src in dialect d.
func Parse(src string, d Dialect) *File {
	if d == ConfigObj {
		return parseConfigObj(src)
	}
	f := &File{}
	var cur *Section
	var opt *Option
	indent := 0
	for i, line := range strings.Split(src, "\n") {
		n := i + 1
		line = strings.TrimRight(line, "\r")
		value := strings.TrimSpace(line)
		if value == "" || strings.HasPrefix(value, "#") || strings.HasPrefix(value, ";") {
			continue
		}
		lead := len(line) - len(strings.TrimLeft(line, " \t\f\v"))
		if cur != nil && opt != nil && lead > indent {
			opt.Lines = append(opt.Lines, Line{n, utf8.RuneCountInString(line[:lead]) + 1, value})
			continue
		}
		indent = lead
		opt = nil
		if m := sectionRe().FindStringSubmatch(value); m != nil {
			if f.Section(m[1]) != nil {
				f.Errors = append(f.Errors, Error{n, fmt.Sprintf("section [%s] is defined twice", m[1])})
			}
			cur = &Section{Name: m[1], Line: n}
			f.Sections = append(f.Sections, cur)
			continue
		}
		if cur == nil {
			f.Errors = append(f.Errors, Error{n, "an option before the first [section] header"})
			continue
		}
		m := optionRe().FindStringSubmatch(value)
		if m == nil || m[1] == "" {
			f.Errors = append(f.Errors, Error{n, fmt.Sprintf("%q is neither a [section], a key = value option nor an indented continuation", value)})
			continue
		}
		key := strings.TrimRight(m[1], " \t")
		if d == ConfigParser {
			key = strings.ToLower(key)
		}
		if cur.Option(key) != nil {
			f.Errors = append(f.Errors, Error{n, fmt.Sprintf("option %q is set twice in [%s]", key, cur.Name)})
			continue
		}
		opt = &Option{Key: key, Line: n}
		if v := strings.TrimSpace(m[3]); v != "" {
			opt.Lines = append(opt.Lines, Line{n, utf8.RuneCountInString(line[:strings.LastIndex(line, v)]) + 1, v})
		}
		cur.Options = append(cur.Options, opt)
	}
	return f
}

// parseConfigObj reads src as configobj does.
func parseConfigObj(src string) *File {
	f := &File{}
	cur := &Section{}
	lines := strings.Split(src, "\n")
	for i := 0; i < len(lines); i++ {
		n := i + 1
		line := strings.TrimRight(lines[i], "\r")
		value := strings.TrimSpace(line)
		if value == "" || strings.HasPrefix(value, "#") || strings.HasPrefix(value, ";") {
			continue
		}
		if strings.HasPrefix(value, "[") {
			name, ok := sectionName(value)
			if !ok {
				f.Errors = append(f.Errors, Error{n, fmt.Sprintf("%q is not a section header", value)})
				continue
			}
			if f.Section(name) != nil {
				f.Errors = append(f.Errors, Error{n, fmt.Sprintf("section [%s] is defined twice", name)})
			}
			if len(cur.Options) > 0 || cur.Line > 0 {
				f.Sections = append(f.Sections, cur)
			}
			cur = &Section{Name: name, Line: n}
			continue
		}
		key, rest, ok := splitKey(value)
		if !ok {
			f.Errors = append(f.Errors, Error{n, fmt.Sprintf("%q is neither a [section] nor a key = value option", value)})
			continue
		}
		if cur.Option(key) != nil {
			f.Errors = append(f.Errors, Error{n, fmt.Sprintf("option %q is set twice in [%s]", key, cur.Name)})
			continue
		}
		opt := &Option{Key: key, Line: n}
		cur.Options = append(cur.Options, opt)
		at := len(line) - len(rest) // byte offset of the value in line
		text, used := objValue(rest, lines[i+1:])
		if text.Text == "" && used == 0 {
			continue
		}
		if used > 0 { // a triple-quoted value over several lines
			opt.Lines = append(opt.Lines, Line{n, utf8.RuneCountInString(line[:at]) + 1, text.Text})
			i += used
			continue
		}
		opt.Lines = append(opt.Lines, Line{n, utf8.RuneCountInString(line[:at+text.Col]) + 1, text.Text})
	}
	if len(cur.Options) > 0 || cur.Line > 0 {
		f.Sections = append(f.Sections, cur)
	}
	return f
}

// sectionName reads a configobj section header: [name], ['name'],
// ["name"], [[nested]], with an optional comment after it.
func sectionName(s string) (string, bool) {
	depth := 0
	for depth < len(s) && s[depth] == '[' {
		depth++
	}
	rest := strings.TrimSpace(s[depth:])
	var name string
	if rest != "" && (rest[0] == '\'' || rest[0] == '"') {
		end := strings.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return "", false
		}
		name, rest = rest[1:1+end], rest[2+end:]
	} else {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return "", false
		}
		name, rest = strings.TrimSpace(rest[:end]), rest[end:]
	}
	rest = strings.TrimSpace(rest)
	closing := 0
	for closing < len(rest) && (rest[closing] == ']' || rest[closing] == ' ' || rest[closing] == '\t') {
		if rest[closing] == ']' {
			depth--
		}
		closing++
	}
	rest = strings.TrimSpace(rest[closing:])
	if name == "" || depth != 0 || (rest != "" && rest[0] != '#') {
		return "", false
	}
	return name, true
}

// splitKey cuts a configobj option line at its "=": the key (unquoted)
// and the text after the "=" and its spaces.
func splitKey(s string) (key, rest string, ok bool) {
	if s[0] == '"' || s[0] == '\'' {
		end := strings.IndexByte(s[1:], s[0])
		if end < 0 {
			return "", "", false
		}
		key, s = s[1:1+end], strings.TrimLeft(s[2+end:], " \t")
		if !strings.HasPrefix(s, "=") {
			return "", "", false
		}
		return key, strings.TrimLeft(s[1:], " \t"), true
	}
	k, v, found := strings.Cut(s, "=")
	k = strings.TrimSpace(k)
	if !found || k == "" {
		return "", "", false
	}
	return k, strings.TrimLeft(v, " \t"), true
}

// objValue reads a configobj value: a quoted string (a triple-quoted one
// may go on over the following lines: used says how many), or the text
// up to a "#" comment. Col is the value's byte offset in s.
func objValue(s string, next []string) (v Line, used int) {
	for _, q := range []string{`"""`, `'''`} {
		if !strings.HasPrefix(s, q) {
			continue
		}
		if end := strings.Index(s[3:], q); end >= 0 {
			return Line{Col: 3, Text: s[3 : 3+end]}, 0
		}
		parts := []string{s[3:]}
		for k, l := range next {
			l = strings.TrimRight(l, "\r")
			if end := strings.Index(l, q); end >= 0 {
				parts = append(parts, l[:end])
				return Line{Text: strings.Join(parts, "\n")}, k + 1
			}
			parts = append(parts, l)
		}
		return Line{Col: 3, Text: s[3:]}, 0 // unterminated: this line only
	}
	if s != "" && (s[0] == '"' || s[0] == '\'') {
		if end := strings.IndexByte(s[1:], s[0]); end >= 0 {
			return Line{Col: 1, Text: s[1 : 1+end]}, 0
		}
	}
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[:i]
	}
	return Line{Text: strings.TrimSpace(s)}, 0
}
