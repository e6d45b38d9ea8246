package setuppy

import (
	"strings"
	"unicode/utf8"

	"github.com/git-repro/git-repro/parse/ini"
)

// ParseSetupCfg reads setup.cfg: [options] install_requires and
// python_requires, and [options.extras_require]. Lines that do not parse
// are in Errors; the rest is still read.
func ParseSetupCfg(src []byte) *Setup {
	f := ini.Parse(string(src), ini.ConfigParser)
	out := &Setup{Keywords: map[string]int{}}
	for _, e := range f.Errors {
		out.Errors = append(out.Errors, Error{e.Line, e.Msg})
	}
	if meta := f.Section("metadata"); meta != nil {
		for _, o := range meta.Options {
			out.Keywords[o.Key] = o.Line
		}
		if o := meta.Option("name"); o != nil && len(o.Lines) > 0 {
			out.Name = &Value{Text: o.Lines[0].Text, Line: o.Line}
		}
	}
	if opts := f.Section("options"); opts != nil {
		out.Line = opts.Line
		for _, o := range opts.Options {
			if _, ok := out.Keywords[o.Key]; !ok {
				out.Keywords[o.Key] = o.Line
			}
		}
		if o := opts.Option("include_package_data"); o != nil && len(o.Lines) == 1 {
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
		if o := opts.Option("install_requires"); o != nil {
			out.InstallRequires = cfgRequirements(o, "")
		}
		if o := opts.Option("python_requires"); o != nil {
			v := &Value{Line: o.Line}
			for _, l := range o.Lines {
				v.Text = strings.TrimSpace(v.Text + " " + l.Text)
			}
			out.PythonRequires = v
		}
	}
	if pd := f.Section("options.package_data"); pd != nil {
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
	if ex := f.Section("options.extras_require"); ex != nil {
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
func cfgRequirements(o *ini.Option, extra string) *Field {
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
