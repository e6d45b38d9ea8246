package pipreq

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/git-repro/git-repro/internal/lazyre"
)

// Options tunes parsing.
type Options struct {
	// Getenv looks up the variable of a "${VAR}" reference. When it is nil,
	// or reports the variable unset or empty, the reference stays as
	// written (pip does the same with unset variables).
	Getenv func(name string) (string, bool)
}

// Option is one option of a line, by its canonical long name
// ("--requirement" for "-r").
type Option struct {
	Name  string
	Value string // "" for flags
}

// Line is one logical line of a requirements file: physical lines joined
// by "\", with the comment removed and variables expanded.
type Line struct {
	// Line is the 1-based number of the first physical line; EndLine the
	// last one (they differ for continued lines).
	Line, EndLine int
	// Col is the 1-based column (in characters) where the content starts
	// on the first physical line.
	Col int
	// Text is the processed logical line.
	Text string
	// Req is the requirement of a requirement line ("numpy==1.0 --hash=..."
	// or "-e ./pkg"); nil for an option line or when the requirement did
	// not parse (see File.Errors).
	Req *Requirement
	// Options lists the line's options in order: the global options of an
	// option line, or the per-requirement options (--hash, ...) of a
	// requirement line.
	Options []Option
}

// Include is a "-r" or "-c" reference.
type Include struct {
	Line, Col  int
	Target     string // as written, after variable expansion
	Constraint bool   // -c
}

// File is a parsed requirements file.
type File struct {
	Path  string
	Lines []Line
	// Includes are the -r/-c references, in order.
	Includes []Include
	// RequireHashes is set when a line says --require-hashes.
	RequireHashes bool
	// Errors are the lines pip would reject; parsing goes on after each.
	Errors []*Error
}

// Requirements returns the requirement lines.
func (f *File) Requirements() []Line {
	var out []Line
	for _, l := range f.Lines {
		if l.Req != nil {
			out = append(out, l)
		}
	}
	return out
}

// Error is a syntax error on one line of a file.
type Error struct {
	Path      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// stripComment removes what pip's COMMENT_RE, `(^|\s+)#.*$`, matches: from
// the first "#" at the start of the line or after whitespace to the end.
func stripComment(line string) string {
	for i := 0; i < len(line); i++ {
		if line[i] != '#' {
			continue
		}
		if i == 0 {
			return ""
		}
		if r, _ := utf8.DecodeLastRuneInString(line[:i]); unicode.IsSpace(r) {
			return line[:i]
		}
	}
	return line
}

// envRe is pip's ENV_VAR_RE: only upper case letters, digits and "_".
var envRe = lazyre.New(`\$\{([A-Z0-9_]+)\}`)

type physLine struct {
	num  int
	text string
}

// ParseFile parses the content of a requirements file named path. It never
// fails as a whole: lines pip would reject are recorded in File.Errors and
// parsing continues with the next line.
func ParseFile(path string, data []byte, opts *Options) *File {
	if opts == nil {
		opts = &Options{}
	}
	f := &File{Path: path}
	text := strings.TrimPrefix(string(data), "\ufeff")
	raw := strings.Split(text, "\n")
	if len(raw) > 0 && raw[len(raw)-1] == "" {
		raw = raw[:len(raw)-1]
	}
	phys := make([]physLine, len(raw))
	for i, l := range raw {
		phys[i] = physLine{i + 1, strings.TrimSuffix(l, "\r")}
	}
	for _, ll := range joinLines(phys) {
		f.parseLogical(ll, opts)
	}
	return f
}

type logical struct {
	first, last int
	col         int
	text        string
}

// joinLines is pip's join_lines: a line ending in "\" is continued by the
// next one, unless it is a comment line; a comment line ends a
// continuation (and is then stripped with the rest of the joined line).
func joinLines(phys []physLine) []logical {
	var out []logical
	var cur []string
	first := 0
	firstCol := 1
	for _, pl := range phys {
		line := pl.text
		isComment := commentStartsLine(line)
		if !strings.HasSuffix(line, `\`) || isComment {
			if isComment {
				line = " " + line
			}
			if cur != nil {
				cur = append(cur, line)
				out = append(out, logical{first, pl.num, firstCol, strings.Join(cur, "")})
				cur = nil
			} else {
				out = append(out, logical{pl.num, pl.num, leadCol(line), line})
			}
			continue
		}
		if cur == nil {
			first = pl.num
			firstCol = leadCol(line)
		}
		cur = append(cur, strings.Trim(line, `\`))
	}
	if cur != nil {
		out = append(out, logical{first, phys[len(phys)-1].num, firstCol, strings.Join(cur, "")})
	}
	return out
}

// commentStartsLine mirrors re.match(COMMENT_RE, line): the comment must
// start at the beginning of the line, after optional whitespace.
func commentStartsLine(line string) bool {
	return strings.HasPrefix(strings.TrimLeft(line, " \t\v\f\r"), "#")
}

func leadCol(s string) int {
	trimmed := strings.TrimLeft(s, " \t\v\f\r")
	return utf8.RuneCountInString(s[:len(s)-len(trimmed)]) + 1
}

func (f *File) errorf(line, col int, format string, args ...any) {
	f.Errors = append(f.Errors, &Error{Path: f.Path, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

func (f *File) parseLogical(ll logical, opts *Options) {
	text := strings.TrimSpace(stripComment(ll.text))
	if text == "" {
		return
	}
	text = expandEnv(text, opts.Getenv)
	args, optStr := breakArgsOptions(text)
	line := Line{Line: ll.first, EndLine: ll.last, Col: ll.col, Text: text}
	tokens, err := shlexSplit(optStr)
	if err != nil {
		f.errorf(ll.first, ll.col, "%s", err)
		return
	}
	parsed, err := parseOptions(tokens, fileOptions)
	if err != nil {
		f.errorf(ll.first, ll.col, "%s", err)
		return
	}
	line.Options = parsed.opts
	switch {
	case strings.TrimSpace(args) != "":
		req, err := ParseRequirement(args)
		if err != nil {
			f.errorf(ll.first, ll.col, "%s", errText(err))
			f.Lines = append(f.Lines, line)
			return
		}
		req.Hashes = parsed.values("--hash")
		line.Req = &req
	case len(parsed.values("--editable")) > 0:
		req, err := ParseEditable(parsed.values("--editable")[0])
		if err != nil {
			f.errorf(ll.first, ll.col, "%s", errText(err))
			f.Lines = append(f.Lines, line)
			return
		}
		line.Req = &req
	default:
		for _, o := range parsed.opts {
			switch o.Name {
			case "--requirement", "--constraint":
				f.Includes = append(f.Includes, Include{Line: ll.first, Col: ll.col, Target: o.Value, Constraint: o.Name == "--constraint"})
			case "--require-hashes":
				f.RequireHashes = true
			}
		}
	}
	f.Lines = append(f.Lines, line)
}

func errText(err error) string {
	if se, ok := err.(*SyntaxError); ok {
		return se.Error()
	}
	return err.Error()
}

func expandEnv(s string, getenv func(string) (string, bool)) string {
	if getenv == nil || !strings.Contains(s, "${") {
		return s
	}
	return envRe().ReplaceAllStringFunc(s, func(m string) string {
		if v, ok := getenv(m[2 : len(m)-1]); ok && v != "" {
			return v
		}
		return m
	})
}

// breakArgsOptions is pip's break_args_options: the words (split on single
// spaces) before the first one starting with "-" are the requirement, the
// rest are options.
func breakArgsOptions(line string) (args, options string) {
	tokens := strings.Split(line, " ")
	for i, t := range tokens {
		if strings.HasPrefix(t, "-") {
			return strings.Join(tokens[:i], " "), strings.Join(tokens[i:], " ")
		}
	}
	return line, ""
}

// ParseEditable parses the value of "-e"/"--editable": a local project
// path or a VCS URL (a bare "git:" scheme is read as "git+git:").
func ParseEditable(v string) (Requirement, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return Requirement{Editable: true}, synErr(v, 0, "-e needs a path or a vcs url")
	}
	sc := urlScheme(v)
	switch {
	case vcsSchemes[sc] || isBareVCSScheme(sc):
		r, err := parseVCS(v)
		r.Raw, r.Editable = v, true
		return r, err
	case sc == "file":
		r, err := parseURLReq(v)
		r.Raw, r.Editable = v, true
		return r, err
	case IsURL(v):
		return Requirement{Raw: v, Editable: true, Kind: KindURL, URL: v},
			synErr(v, 0, "an editable requirement must be a local project path or a vcs url (git+https://...)")
	}
	r := pathReq(v)
	r.Raw, r.Editable = v, true
	return r, nil
}
