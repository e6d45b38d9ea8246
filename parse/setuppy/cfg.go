package setuppy

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/git-repro/git-repro/internal/lazyre"
)

// iniOption is one option of an INI section: the key's line and the
// value's lines (the text after the delimiter first, then continuation
// lines), each with its line number.
type iniOption struct {
	Key   string
	Line  int
	Lines []iniLine
}

type iniLine struct {
	N, Col int // 1-based line and column (in code points) of Text
	Text   string
}

type iniSection struct {
	Name    string
	Line    int
	Options []*iniOption
}

func (s *iniSection) option(key string) *iniOption {
	for _, o := range s.Options {
		if o.Key == key {
			return o
		}
	}
	return nil
}

type iniFile struct {
	Sections []*iniSection
	Errors   []Error
}

func (f *iniFile) section(name string) *iniSection {
	for _, s := range f.Sections {
		if s.Name == name {
			return s
		}
	}
	return nil
}

var (
	sectionRe = lazyre.New(`^\[(.+)\]$`)
	optionRe  = lazyre.New(`^(.*?)\s*([=:])\s*(.*)$`)
)

// parseINI reads INI text as Python's configparser does with the defaults
// setuptools uses: "#" and ";" start full-line comments (also inside a
// multi-line value), a line indented deeper than its option's key
// continues the value, blank lines inside a value are kept, keys are
// lower-cased, the first "=" or ":" separates key and value, and a
// duplicate section or option is an error. Bad lines are reported and
// skipped.
func parseINI(src string) *iniFile {
	f := &iniFile{}
	var cur *iniSection
	var opt *iniOption
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
			opt.Lines = append(opt.Lines, iniLine{n, lead + 1, value})
			continue
		}
		indent = lead
		opt = nil
		if m := sectionRe().FindStringSubmatch(value); m != nil {
			if f.section(m[1]) != nil {
				f.Errors = append(f.Errors, Error{n, fmt.Sprintf("section [%s] is defined twice", m[1])})
			}
			cur = &iniSection{Name: m[1], Line: n}
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
		key := strings.ToLower(strings.TrimRight(m[1], " \t"))
		if cur.option(key) != nil {
			f.Errors = append(f.Errors, Error{n, fmt.Sprintf("option %q is set twice in [%s]", key, cur.Name)})
			continue
		}
		opt = &iniOption{Key: key, Line: n}
		if v := strings.TrimSpace(m[3]); v != "" {
			opt.Lines = append(opt.Lines, iniLine{n, utf8.RuneCountInString(line[:strings.LastIndex(line, v)]) + 1, v})
		}
		cur.Options = append(cur.Options, opt)
	}
	return f
}

// ParseSetupCfg reads setup.cfg: [options] install_requires and
// python_requires, and [options.extras_require]. Lines that do not parse
// are in Errors; the rest is still read.
func ParseSetupCfg(src []byte) *Setup {
	ini := parseINI(string(src))
	out := &Setup{Errors: ini.Errors, Keywords: map[string]int{}}
	if meta := ini.section("metadata"); meta != nil {
		for _, o := range meta.Options {
			out.Keywords[o.Key] = o.Line
		}
		if o := meta.option("name"); o != nil && len(o.Lines) > 0 {
			out.Name = &Value{Text: o.Lines[0].Text, Line: o.Line}
		}
	}
	if opts := ini.section("options"); opts != nil {
		out.Line = opts.Line
		for _, o := range opts.Options {
			if _, ok := out.Keywords[o.Key]; !ok {
				out.Keywords[o.Key] = o.Line
			}
		}
		if o := opts.option("include_package_data"); o != nil && len(o.Lines) == 1 {
			// configparser's booleans, as setuptools reads them.
			switch strings.ToLower(o.Lines[0].Text) {
			case "1", "yes", "true", "on":
				v := true
				out.IncludePackageData = &v
			case "0", "no", "false", "off":
				v := false
				out.IncludePackageData = &v
			}
		}
		if o := opts.option("install_requires"); o != nil {
			out.InstallRequires = cfgRequirements(o, "")
		}
		if o := opts.option("python_requires"); o != nil {
			v := &Value{Line: o.Line}
			for _, l := range o.Lines {
				v.Text = strings.TrimSpace(v.Text + " " + l.Text)
			}
			out.PythonRequires = v
		}
	}
	if pd := ini.section("options.package_data"); pd != nil {
		out.PackageData = map[string][]string{}
		for _, o := range pd.Options {
			key := o.Key
			if key == "*" {
				key = ""
			}
			for _, l := range o.Lines {
				for _, pat := range strings.Split(l.Text, ",") {
					if pat = strings.TrimSpace(pat); pat != "" {
						out.PackageData[key] = append(out.PackageData[key], pat)
					}
				}
			}
		}
	}
	if ex := ini.section("options.extras_require"); ex != nil {
		f := &Field{Line: ex.Line}
		for _, o := range ex.Options {
			g := cfgRequirements(o, o.Key)
			f.Requirements = append(f.Requirements, g.Requirements...)
			f.Files = append(f.Files, g.Files...)
		}
		out.ExtrasRequire = f
	}
	return out
}

// cfgRequirements turns an option into requirements the way setuptools
// does: a multi-line value is one requirement per line, a one-line value
// is split at ";"; "#" lines are dropped; "file:" names requirements files.
func cfgRequirements(o *iniOption, extra string) *Field {
	f := &Field{Line: o.Line}
	if len(o.Lines) == 1 {
		l := o.Lines[0]
		if rest, ok := strings.CutPrefix(l.Text, "file:"); ok {
			for _, p := range strings.Split(rest, ",") {
				if p = strings.TrimSpace(p); p != "" {
					f.Files = append(f.Files, FileRef{Path: p, Line: l.N})
				}
			}
			return f
		}
		for _, part := range strings.Split(l.Text, ";") {
			if part = strings.TrimSpace(part); part != "" && !strings.HasPrefix(part, "#") {
				f.Requirements = append(f.Requirements, newRequirement(part, l.N, l.Col+utf8.RuneCountInString(l.Text[:strings.Index(l.Text, part)]), extra))
			}
		}
		return f
	}
	for _, l := range o.Lines {
		if !strings.HasPrefix(l.Text, "#") {
			f.Requirements = append(f.Requirements, newRequirement(l.Text, l.N, l.Col, extra))
		}
	}
	return f
}
