package largefiles

import (
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/pyproject"
	"github.com/git-repro/git-repro/parse/setuppy"
)

// Package data: a file inside a Python package that the project's
// distribution ships (pkg/vocab.txt.gz read with importlib.resources). It
// must stay a git blob: "pip install git+https://..." clones the
// repository and builds it without git-lfs smudging, so an LFS pointer
// would be installed in place of the file.

// distribution is what a Python project's build ships.
type distribution struct {
	root string // the directory of its pyproject.toml / setup.py / setup.cfg
	name string
	// wholePackages: the build backend ships every file inside a package
	// (hatchling, flit, poetry, pdm, maturin ...), or setuptools with
	// include_package_data and setuptools-scm (every tracked file).
	wholePackages bool
	// packageData maps a dotted package ("" for all) to glob patterns
	// relative to the package's directory (setuptools package-data).
	packageData map[string][]string
	// manifest is MANIFEST.in, applied when include_package_data is on.
	manifest []manifestCmd
}

// manifestCmd is one MANIFEST.in command.
type manifestCmd struct {
	verb string // include, exclude, recursive-include, recursive-exclude, global-include, global-exclude, graft, prune
	dir  string // for recursive-*, graft, prune
	pats []string
}

// packageDataOf returns the distribution that ships file as package data,
// or nil.
func packageDataOf(p *checks.Pass, file string) *distribution {
	pkg := packageDir(p, file)
	if pkg == "" {
		return nil
	}
	for d := path.Dir(pkg); ; d = path.Dir(d) {
		if dist := distributionAt(p, d); dist != nil {
			if dist.ships(p, file, pkg) {
				return dist
			}
			return nil
		}
		if d == "." || d == "/" || d == "" {
			return nil
		}
	}
}

// packageDir returns the top-level package directory file lies in: the
// outermost of the chain of directories with an __init__.py above it, or
// src/<name> for a namespace package in a src layout; "" when none.
func packageDir(p *checks.Pass, file string) string {
	exists := func(f string) bool { _, err := p.Tree.Stat(f); return err == nil }
	pkg := ""
	for d := path.Dir(file); d != "." && d != "/" && d != ""; d = path.Dir(d) {
		if exists(d + "/__init__.py") {
			pkg = d
		} else if pkg != "" {
			break
		}
	}
	if pkg == "" {
		if parts := strings.Split(file, "/"); len(parts) >= 3 && parts[0] == "src" {
			pkg = "src/" + parts[1]
		}
	}
	return pkg
}

// nonSetuptoolsBackends ship every file inside their packages by default.
var nonSetuptoolsBackends = []string{"hatchling", "flit_core", "flit.", "poetry", "pdm", "maturin", "scikit_build_core", "mesonpy", "whey", "uv_build"}

// distributionAt reads the project whose metadata is in dir, once per run;
// nil when dir has none.
func distributionAt(p *checks.Pass, dir string) *distribution {
	return p.Memo("largefiles-dist:"+dir, func() any {
		read := func(n string) []byte {
			f := n
			if dir != "." {
				f = dir + "/" + n
			}
			if fi, err := p.Tree.Stat(f); err != nil || fi.Size > 4<<20 {
				return nil
			}
			b, _ := p.Tree.ReadFile(f)
			return b
		}
		pp, spy, scfg := read("pyproject.toml"), read("setup.py"), read("setup.cfg")
		if pp == nil && spy == nil && scfg == nil {
			return (*distribution)(nil)
		}
		d := &distribution{root: dir, packageData: map[string][]string{}}
		includeData := false
		scm := false
		if pp != nil {
			if doc, _, err := pyproject.Decode(pp); err == nil {
				bs, _ := doc["build-system"].(map[string]any)
				backend, _ := bs["build-backend"].(string)
				for _, b := range nonSetuptoolsBackends {
					if strings.HasPrefix(backend, b) {
						d.wholePackages = true
					}
				}
				for _, r := range anyStrings(bs["requires"]) {
					scm = scm || strings.HasPrefix(strings.ToLower(r), "setuptools-scm") || strings.HasPrefix(strings.ToLower(r), "setuptools_scm")
				}
				if proj, ok := doc["project"].(map[string]any); ok {
					d.name, _ = proj["name"].(string)
					includeData = true // setuptools' default with pyproject.toml metadata
				}
				tool, _ := doc["tool"].(map[string]any)
				if st, ok := tool["setuptools"].(map[string]any); ok {
					if v, ok := st["include-package-data"].(bool); ok {
						includeData = v
					}
					if pd, ok := st["package-data"].(map[string]any); ok {
						for k, v := range pd {
							if k == "*" {
								k = ""
							}
							d.packageData[k] = append(d.packageData[k], anyStrings(v)...)
						}
					}
				}
				if _, ok := tool["poetry"].(map[string]any); ok && backend == "" {
					d.wholePackages = true
				}
			}
		}
		for _, src := range []struct {
			cfg  bool
			data []byte
		}{{true, scfg}, {false, spy}} {
			if src.data == nil {
				continue
			}
			s := setuppy.ParseSetupCfg(src.data)
			if !src.cfg {
				ps, err := setuppy.ParseSetupPy(src.data)
				if err != nil {
					continue
				}
				s = ps
			}
			if d.name == "" && s.Name != nil {
				d.name = s.Name.Text
			}
			if s.IncludePackageData != nil {
				includeData = *s.IncludePackageData
			}
			for k, v := range s.PackageData {
				d.packageData[k] = append(d.packageData[k], v...)
			}
			if _, ok := s.Keywords["use_scm_version"]; ok {
				scm = true
			}
		}
		if includeData {
			if scm {
				d.wholePackages = true
			}
			d.manifest = parseManifestIn(string(read("MANIFEST.in")))
		}
		return d
	}).(*distribution)
}

func anyStrings(v any) []string {
	var out []string
	switch x := v.(type) {
	case string:
		out = append(out, x)
	case []any:
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

// label names the distribution in messages.
func (d *distribution) label() string {
	if d.name != "" {
		return fmt.Sprintf("%q", d.name)
	}
	if d.root == "." {
		return "the project at the repository root"
	}
	return fmt.Sprintf("the project in %q", d.root)
}

// ships reports whether the distribution ships file, which lies in the
// top-level package directory pkg.
func (d *distribution) ships(p *checks.Pass, file, pkg string) bool {
	if d.wholePackages {
		return true
	}
	rel := func(base string) string { return strings.TrimPrefix(file, base+"/") }
	for key, pats := range d.packageData {
		var dirs []string
		if key == "" {
			// every package: the nearest package directory of the file.
			for dd := path.Dir(file); dd != path.Dir(pkg); dd = path.Dir(dd) {
				if _, err := p.Tree.Stat(dd + "/__init__.py"); err == nil || dd == pkg {
					dirs = append(dirs, dd)
					break
				}
			}
		} else {
			k := strings.ReplaceAll(key, ".", "/")
			dirs = []string{joinRoot(d.root, k), joinRoot(d.root, "src/"+k)}
		}
		for _, dir := range dirs {
			if !strings.HasPrefix(file, dir+"/") {
				continue
			}
			if g, err := checks.NewGlobs(pats); err == nil && g.Match(rel(dir)) {
				return true
			}
		}
	}
	if len(d.manifest) > 0 {
		return manifestIncludes(d.manifest, strings.TrimPrefix(file, joinRoot(d.root, "")))
	}
	return false
}

func joinRoot(root, p string) string {
	if root == "." || root == "" {
		return p
	}
	if p == "" {
		return root + "/"
	}
	return root + "/" + p
}

// parseManifestIn reads the commands of a MANIFEST.in.
func parseManifestIn(src string) []manifestCmd {
	var out []manifestCmd
	for _, l := range strings.Split(src, "\n") {
		f := strings.Fields(l)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		c := manifestCmd{verb: f[0]}
		switch c.verb {
		case "include", "exclude", "global-include", "global-exclude":
			c.pats = f[1:]
		case "recursive-include", "recursive-exclude":
			if len(f) < 3 {
				continue
			}
			c.dir, c.pats = strings.TrimSuffix(f[1], "/"), f[2:]
		case "graft", "prune":
			if len(f) < 2 {
				continue
			}
			c.dir = strings.TrimSuffix(f[1], "/")
		default:
			continue
		}
		out = append(out, c)
	}
	return out
}

// manifestIncludes applies MANIFEST.in to one path (relative to the
// project), in order, as setuptools does: a later command overrides an
// earlier one.
func manifestIncludes(cmds []manifestCmd, rel string) bool {
	in := false
	base := path.Base(rel)
	under := func(dir string) bool {
		return dir == "." || strings.HasPrefix(rel, strings.TrimPrefix(dir, "./")+"/")
	}
	anyMatch := func(pats []string, s string) bool {
		for _, pt := range pats {
			if re, err := regexp.Compile("^" + globToRegexp(pt) + "$"); err == nil && re.MatchString(s) {
				return true
			}
		}
		return false
	}
	for _, c := range cmds {
		switch c.verb {
		case "include":
			in = in || anyMatch(c.pats, rel)
		case "exclude":
			in = in && !anyMatch(c.pats, rel)
		case "global-include":
			in = in || anyMatch(c.pats, base)
		case "global-exclude":
			in = in && !anyMatch(c.pats, base)
		case "recursive-include":
			in = in || under(c.dir) && anyMatch(c.pats, base)
		case "recursive-exclude":
			in = in && !(under(c.dir) && anyMatch(c.pats, base))
		case "graft":
			in = in || under(c.dir)
		case "prune":
			in = in && !under(c.dir)
		}
	}
	return in
}

// globToRegexp translates a MANIFEST.in pattern as setuptools reads it:
// "*" and "?" stay within a path segment, "**" crosses them.
func globToRegexp(pat string) string {
	var b strings.Builder
	for i := 0; i < len(pat); i++ {
		switch c := pat[i]; {
		case c == '*' && i+1 < len(pat) && pat[i+1] == '*':
			b.WriteString(".*")
			i++
		case c == '*':
			b.WriteString("[^/]*")
		case c == '?':
			b.WriteString("[^/]")
		default:
			b.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	return b.String()
}
