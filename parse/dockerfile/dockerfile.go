package dockerfile

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// Error is a problem found while reading a Dockerfile, at a 1-based line
// (0 when the parser gave none).
type Error struct {
	Line int
	Msg  string
}

func (e Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// File is a parsed Dockerfile.
type File struct {
	// MetaArgs are the ARGs declared before the first FROM; only they can
	// be used in FROM lines.
	MetaArgs []Arg
	Stages   []*Stage
	// Errors lists instructions the Docker parser rejected (the rest of
	// the file is still read), or one error when the file as a whole
	// could not be read.
	Errors []Error
	// Lines are the source lines, without line endings, for locating a
	// token inside a multi-line instruction.
	Lines []string
	// EscapeToken is the escape character ("# escape=`" sets it), which
	// also continues lines.
	EscapeToken rune
	// Encoding lists the lines that are not UTF-8 text or hold a NUL
	// byte. Docker builds such a file, but its word lexer (heredoc
	// markers, variables) reads each such byte as U+FFFD and prints a
	// warning; Parse reads them as U+FFFD too (in Lines and in the
	// instructions) and returns the warning here instead.
	Encoding []Error
	// Warnings are the Docker parser's own warnings (an empty line inside
	// a continued instruction, which a future Docker rejects).
	Warnings []Error
}

// Arg is one ARG declaration.
type Arg struct {
	Name    string
	Default *string // nil: no default
	Line    int
}

// Stage is one build stage: a FROM and the instructions after it.
type Stage struct {
	Index    int
	Name     string // the lower-cased "AS" name, "" when unnamed
	Line     int
	Platform string // the --platform value as written
	BaseRaw  string // the image as written, e.g. "${BASE}"
	// Base is BaseRaw with the defaults of the ARGs declared before the
	// first FROM substituted.
	Base string
	// Unresolved names the build args Base uses that have no default (so
	// the image is only known at build time).
	Unresolved []string
	// Image is Base split into its parts.
	Image Image
	// Parent is the earlier stage that Base names, or nil.
	Parent   *Stage
	Commands []Command
}

// Command is one instruction of a stage, with its line range.
type Command struct {
	Line, EndLine int
	// Inst is the Docker parser's typed instruction:
	// *instructions.RunCommand, *instructions.CopyCommand, ...
	Inst instructions.Command
}

// Image is an image reference split into parts:
// "ghcr.io/org/img:1.2@sha256:..." -> Name "ghcr.io/org/img", Tag "1.2",
// Digest "sha256:...".
type Image struct {
	Name, Tag, Digest string
}

// String reassembles the reference.
func (im Image) String() string {
	s := im.Name
	if im.Tag != "" {
		s += ":" + im.Tag
	}
	if im.Digest != "" {
		s += "@" + im.Digest
	}
	return s
}

// Scratch reports whether the image is the empty "scratch" image.
func (im Image) Scratch() bool {
	return strings.EqualFold(im.Name, "scratch") && im.Tag == "" && im.Digest == ""
}

// ParseImage splits an image reference. It does not validate it.
func ParseImage(ref string) Image {
	var im Image
	ref = strings.TrimSpace(ref)
	if i := strings.Index(ref, "@"); i >= 0 {
		im.Digest = ref[i+1:]
		ref = ref[:i]
	}
	slash := strings.LastIndex(ref, "/")
	if i := strings.LastIndex(ref, ":"); i > slash {
		im.Tag = ref[i+1:]
		ref = ref[:i]
	}
	im.Name = ref
	return im
}

// ValidDigest reports whether d is "sha256:" followed by 64 lower-case hex
// digits (or another algorithm with its full hex digest).
func ValidDigest(d string) bool {
	alg, hex, ok := strings.Cut(d, ":")
	if !ok || alg == "" {
		return false
	}
	want := map[string]int{"sha256": 64, "sha384": 96, "sha512": 128}[alg]
	if want == 0 || len(hex) != want {
		return false
	}
	for _, c := range hex {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// Parse reads a Dockerfile. It never fails: problems are in File.Errors,
// and what Docker accepts with a warning is in File.Encoding and
// File.Warnings. It writes nothing to the process's output.
func Parse(src []byte) (f *File) {
	src, bad := validText(src)
	f = &File{Lines: splitLines(src), Encoding: bad}
	defer func() {
		// The Docker parser is fuzzed upstream, but a rule must never
		// take the run down with it: a panic becomes an error.
		if v := recover(); v != nil {
			f.Errors = append(f.Errors, Error{Msg: fmt.Sprintf("the Docker parser failed: %v", v)})
		}
	}()
	res, err := parser.Parse(bytes.NewReader(src))
	if err != nil {
		// A whole-file error without a location points at the top.
		f.Errors = append(f.Errors, Error{Line: errLine(err, 1), Msg: errMsg(err)})
		return f
	}
	f.EscapeToken = res.EscapeToken
	for _, w := range res.Warnings {
		line := 0
		if w.Location != nil {
			line = w.Location.Start.Line
		}
		f.Warnings = append(f.Warnings, Error{Line: line, Msg: w.Short})
	}
	lex := shell.NewLex(res.EscapeToken)
	metaEnv := envMap{}
	for k, v := range platformArgs {
		metaEnv[k] = v
	}
	beforeFrom := 0
	byName := map[string]*Stage{}
	var cur *Stage
	for _, n := range res.AST.Children {
		inst, err := instructions.ParseInstruction(n)
		if err != nil {
			f.Errors = append(f.Errors, Error{Line: errLine(err, n.StartLine), Msg: errMsg(err)})
			continue
		}
		switch c := inst.(type) {
		case *instructions.Stage:
			st := &Stage{
				Index: len(f.Stages), Name: c.Name, Line: n.StartLine,
				Platform: c.Platform, BaseRaw: c.BaseName,
			}
			st.Base, st.Unresolved = expand(lex, c.BaseName, metaEnv)
			st.Image = ParseImage(st.Base)
			st.Parent = byName[strings.ToLower(st.Base)]
			if st.Name != "" {
				byName[st.Name] = st
			}
			f.Stages = append(f.Stages, st)
			cur = st
		case *instructions.ArgCommand:
			if cur == nil {
				for _, kv := range c.Args {
					a := Arg{Name: kv.Key, Line: n.StartLine}
					if kv.Value != nil {
						v, _ := expand(lex, *kv.Value, metaEnv)
						a.Default = &v
						metaEnv[kv.Key] = v
					}
					f.MetaArgs = append(f.MetaArgs, a)
				}
				continue
			}
			cur.Commands = append(cur.Commands, Command{Line: n.StartLine, EndLine: n.EndLine, Inst: c})
		case instructions.Command:
			if cur == nil {
				// One error for a file that starts without FROM (a
				// fragment), not one per instruction.
				if beforeFrom == 0 {
					f.Errors = append(f.Errors, Error{Line: n.StartLine, Msg: fmt.Sprintf("%s before the first FROM: only ARG may come before FROM", strings.ToUpper(c.Name()))})
				}
				beforeFrom++
				continue
			}
			cur.Commands = append(cur.Commands, Command{Line: n.StartLine, EndLine: n.EndLine, Inst: c})
		}
	}
	if len(f.Stages) == 0 && len(f.Errors) == 0 {
		f.Errors = append(f.Errors, Error{Line: 1, Msg: "no FROM instruction: a Dockerfile needs at least one build stage"})
	}
	return f
}

// platformArgs are the build args BuildKit predefines for FROM lines; a
// static reading takes the common linux/amd64 build.
var platformArgs = map[string]string{
	"BUILDPLATFORM": "linux/amd64", "BUILDOS": "linux", "BUILDARCH": "amd64", "BUILDVARIANT": "",
	"TARGETPLATFORM": "linux/amd64", "TARGETOS": "linux", "TARGETARCH": "amd64", "TARGETVARIANT": "",
}

// PlausibleRef reports whether an expanded image reference can name an
// image or stage: not empty, no empty tag or digest, no empty path part.
// "python:" (from "python:${PY}" with PY unset) is not.
func PlausibleRef(ref string) bool {
	if ref == "" || strings.ContainsAny(ref, " \t$") {
		return false
	}
	if strings.HasSuffix(ref, ":") || strings.HasSuffix(ref, "@") || strings.HasSuffix(ref, "/") ||
		strings.HasPrefix(ref, ":") || strings.HasPrefix(ref, "/") || strings.HasPrefix(ref, "@") ||
		strings.Contains(ref, "//") || strings.Contains(ref, ":@") || strings.Contains(ref, "/:") {
		return false
	}
	// Each part of the name (registry host, then path components) starts
	// and ends with a letter or digit and has no empty dot-separated
	// label: "dkr.ecr..amazonaws.com" (from "dkr.ecr.${REGION}.amazonaws.com"
	// with REGION unset) names no registry.
	name, _, _ := strings.Cut(ref, "@")
	if i := strings.LastIndex(name, ":"); i > strings.LastIndex(name, "/") {
		name = name[:i] // the tag
	}
	for i, part := range strings.Split(name, "/") {
		if i == 0 && strings.Contains(name, "/") {
			part, _, _ = strings.Cut(part, ":") // a registry port
		}
		if part == "" || strings.Contains(part, "..") || strings.ContainsAny(part[:1]+part[len(part)-1:], ".-_") {
			return false
		}
	}
	return true
}

// expand substitutes the build args in word and returns the names it
// used that have no value.
func expand(lex *shell.Lex, word string, env envMap) (string, []string) {
	if !strings.Contains(word, "$") {
		return word, nil
	}
	if !lexable(word) {
		// Docker's lexer would print a warning on os.Stderr: the value
		// is not known statically.
		return word, []string{strings.TrimSpace(word)}
	}
	res, err := lex.ProcessWordWithMatches(word, env)
	if err != nil {
		return word, []string{strings.TrimSpace(word)}
	}
	var un []string
	for k := range res.Unmatched {
		un = append(un, k)
	}
	sort.Strings(un)
	return res.Result, un
}

// Expand substitutes variables in a word of an instruction (a WORKDIR, a
// COPY destination) the way the builder does, from vars (the stage's ENV
// and ARG values). ok is false when the word uses a variable vars does
// not set, or does not parse: its value is then only known at build time.
func (f *File) Expand(word string, vars map[string]string) (string, bool) {
	if !strings.Contains(word, "$") {
		return word, true
	}
	esc := f.EscapeToken
	if esc == 0 {
		esc = '\\'
	}
	out, un := expand(shell.NewLex(esc), word, envMap(vars))
	return out, len(un) == 0
}

// Vars are the build args and environment variables that an
// instruction of a stage sees, for expanding its words (File.Expand): the
// ENV values of the stages it is built FROM, then the stage's own ARG
// instructions (with their value, or the default of the ARG of that name
// declared before the first FROM) and ENV instructions, as far as Apply
// has read them.
type Vars struct {
	f *File
	m map[string]string
}

// StageVars returns the variables the first instruction of st sees.
func (f *File) StageVars(st *Stage) *Vars {
	v := &Vars{f: f, m: map[string]string{}}
	var chain []*Stage
	for s := st.Parent; s != nil && len(chain) < 64; s = s.Parent {
		chain = append(chain, s)
	}
	// Each ancestor is replayed with its own ARGs (which expand its ENV
	// values); only the ENV values carry on.
	for i := len(chain) - 1; i >= 0; i-- {
		anc := &Vars{f: f, m: maps.Clone(v.m)}
		env := map[string]bool{}
		for _, c := range chain[i].Commands {
			anc.Apply(c)
			if e, ok := c.Inst.(*instructions.EnvCommand); ok {
				for _, kv := range e.Env {
					env[kv.Key] = true
				}
			}
		}
		for k := range env {
			v.m[k] = anc.m[k]
		}
	}
	return v
}

// Apply reads an instruction of the stage: an ARG or ENV sets variables
// (its value's own variables expanded, as the builder does: "ENV
// APP=$BASE/app"), anything else changes nothing.
func (v *Vars) Apply(c Command) {
	switch inst := c.Inst.(type) {
	case *instructions.ArgCommand:
		for _, kv := range inst.Args {
			if kv.Value != nil {
				v.set(kv.Key, *kv.Value)
			} else if d, ok := v.f.metaDefault(kv.Key); ok {
				v.m[kv.Key] = d
			}
		}
	case *instructions.EnvCommand:
		for _, kv := range inst.Env {
			v.set(kv.Key, kv.Value)
		}
	}
}

// set sets a variable to a value with its variables expanded (as written
// when they cannot be).
func (v *Vars) set(k, val string) {
	if x, ok := v.f.Expand(val, v.m); ok {
		val = x
	}
	v.m[k] = val
}

// Map returns the variables by name; later Apply calls change it.
func (v *Vars) Map() map[string]string { return v.m }

// metaDefault returns the default of an ARG declared before the first
// FROM, which an ARG of the same name without a value brings into a stage.
func (f *File) metaDefault(name string) (string, bool) {
	for _, m := range f.MetaArgs {
		if m.Name == name && m.Default != nil {
			return *m.Default, true
		}
	}
	return "", false
}

// envMap is a shell.EnvGetter over a map.
type envMap map[string]string

func (e envMap) Get(k string) (string, bool) { v, ok := e[k]; return v, ok }
func (e envMap) Keys() []string {
	keys := make([]string, 0, len(e))
	for k := range e {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func errLine(err error, def int) int {
	var le *parser.LocationError
	if errors.As(err, &le) {
		for _, rs := range le.Locations {
			for _, r := range rs {
				if r.Start.Line > 0 {
					return r.Start.Line
				}
			}
		}
	}
	return def
}

// errMsg is the innermost message, lower-cased at its start.
func errMsg(err error) string {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "dockerfile parse error: ")
	if msg == "" {
		return "unreadable instruction"
	}
	// Lower-case a leading capital word ("Dockerfile parse ..."), not an
	// instruction name ("COPY requires ...").
	if len(msg) > 1 && msg[1] >= 'a' && msg[1] <= 'z' {
		msg = strings.ToLower(msg[:1]) + msg[1:]
	}
	return msg
}

// validText returns src with each byte that is not part of a UTF-8
// character, and each NUL byte, replaced by U+FFFD (as Docker's word
// lexer reads them), and one Error per line where it did so. Valid
// input is returned as it is.
func validText(src []byte) ([]byte, []Error) {
	if lexable(string(src)) {
		return src, nil
	}
	var out bytes.Buffer
	var bad []Error
	line := 1
	note := func(msg string) {
		if n := len(bad); n == 0 || bad[n-1].Line != line {
			bad = append(bad, Error{Line: line, Msg: msg})
		}
	}
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			note("a byte that is not UTF-8")
			out.WriteRune(utf8.RuneError)
		case r == 0:
			note("a NUL byte")
			out.WriteRune(utf8.RuneError)
		default:
			out.Write(src[i : i+n])
		}
		if src[i] == '\n' {
			line++
		}
		i += n
	}
	return out.Bytes(), bad
}

// lexable reports whether Docker's word lexer reads s without a warning:
// valid UTF-8 and no NUL byte. (It reads words with text/scanner, whose
// default error handler prints to os.Stderr.)
func lexable(s string) bool {
	return utf8.ValidString(s) && !strings.ContainsRune(s, 0)
}

func splitLines(src []byte) []string {
	s := strings.ReplaceAll(string(src), "\r\n", "\n")
	return strings.Split(s, "\n")
}

// FindLine returns the first line in [from, end] whose text contains
// token, or from when none does (or token is empty). It is a substring
// search ("pip" is found in "python3-pip"): to place a word of a RUN line,
// use the positions of File.Scripts and RunScript.Parse, and File.Locate
// for other instructions.
func (f *File) FindLine(from, end int, token string) int {
	if token == "" {
		return from
	}
	for l := max(from, 1); l <= end && l <= len(f.Lines); l++ {
		if strings.Contains(f.Lines[l-1], token) {
			return l
		}
	}
	return from
}

// LastStage returns the final stage (the image a plain "docker build"
// produces), or nil.
func (f *File) LastStage() *Stage {
	if len(f.Stages) == 0 {
		return nil
	}
	return f.Stages[len(f.Stages)-1]
}

// StageByRef finds the stage a "COPY --from" or "FROM" names: a stage
// name (case-insensitive) or an index.
func (f *File) StageByRef(ref string) *Stage {
	ref = strings.ToLower(ref)
	for _, st := range f.Stages {
		if st.Name != "" && st.Name == ref || fmt.Sprint(st.Index) == ref {
			return st
		}
	}
	return nil
}
