package pyfile

import (
	"path"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/pipreq"
	"github.com/git-repro/git-repro/parse/pyproject"
)

// LoadModule finds a module of the repository by the dotted name a file
// imports (leading dots: relative to the file's package) and parses it;
// nil if the repository has none (a library) or it cannot be read. The
// lookup is a few index lookups, memoised per importing directory.
func LoadModule(p *checks.Pass, from *File, name string) *File {
	// the answer depends on the importing file's directory only
	fp := p.Memo("pyfile:module:"+path.Dir(from.Path)+"|"+name, func() any {
		return FindModule(p, from.Path, name)
	}).(string)
	if fp == "" {
		return nil
	}
	return Load(p, fp)
}

// FindModule returns the path of the module that name, imported from the
// file at fromPath, names in the repository: relative to the importing
// package for a leading dot, else at the root, beside the importer or
// under src/, then on the import path the importer's own projects give it
// (ImportRoots): its package's root, and the projects of the repository
// that its pyproject.toml installs from paths (a monorepo's sibling
// packages); as a module or a package's __init__.py; "" if none.
func FindModule(p *checks.Pass, fromPath, name string) string {
	dots := 0
	for dots < len(name) && name[dots] == '.' {
		dots++
	}
	rel := strings.ReplaceAll(name[dots:], ".", "/")
	find := func(bases []string) string {
		for _, base := range bases {
			for _, cand := range []string{rel + ".py", rel + "/__init__.py"} {
				if rel == "" {
					cand = "__init__.py"
				}
				fp := path.Clean(path.Join(base, cand))
				if strings.HasPrefix(fp, "../") || !Exists(p, fp) {
					continue
				}
				return fp
			}
		}
		return ""
	}
	if dots > 0 {
		dir := path.Dir(fromPath)
		for i := 1; i < dots; i++ {
			dir = path.Dir(dir)
		}
		return find([]string{dir})
	}
	if fp := find([]string{".", path.Dir(fromPath), "src"}); fp != "" {
		return fp
	}
	roots := ImportRoots(p, path.Dir(fromPath))
	if fp := find(roots.Dirs); fp != "" {
		return fp
	}
	// a uv workspace member given by a glob ("packages/*"): only for a
	// name the importer's projects declare {workspace = true}, so that
	// third-party imports never make the repository be listed
	top, _, _ := strings.Cut(name, ".")
	if len(roots.Globs) > 0 && roots.WorkspaceDeps[pipreq.CanonicalName(top)] {
		return find(memberDirs(p, roots.Globs))
	}
	return ""
}

// Roots are the directories on the import path of a module's directory
// besides the root, the directory itself and src/ (see ImportRoots).
type Roots struct {
	Dirs []string
	// Globs are workspace member patterns ("packages/*") whose directories
	// are found only when an import asks for a workspace dependency
	// (WorkspaceDeps, canonical names).
	Globs         []string
	WorkspaceDeps map[string]bool
}

// ImportRoots returns, once per directory, the import path that the
// projects holding dir give the modules in it, nearest first: the
// directory above the package the modules belong to (the chain of
// __init__.py files), and for each enclosing project (a pyproject.toml,
// setup.py or setup.cfg in dir or a parent) its root, its package
// directories (src/, or what its pyproject.toml names) and those of the
// repository's projects it installs: Poetry, uv and PEP 508 path
// dependencies, and uv workspace members, as a monorepo's root
// pyproject.toml or a package's own one declares them.
func ImportRoots(p *checks.Pass, dir string) Roots {
	return p.Memo("pyfile:roots:"+dir, func() any {
		var r Roots
		seen := map[string]bool{".": true, dir: true, "src": true}
		add := func(d string) {
			d = path.Clean(d)
			if !seen[d] && d != ".." && !strings.HasPrefix(d, "../") {
				seen[d] = true
				r.Dirs = append(r.Dirs, d)
			}
		}
		// the package the directory's modules belong to
		top := dir
		for top != "." && Exists(p, path.Join(top, "__init__.py")) {
			top = path.Dir(top)
		}
		add(top)
		// the enclosing projects and what they install
		visited := map[string]bool{}
		var project func(d string, depth int)
		project = func(d string, depth int) {
			d = path.Clean(d)
			if visited[d] || depth > 4 || d == ".." || strings.HasPrefix(d, "../") {
				return
			}
			visited[d] = true
			add(d)
			add(path.Join(d, "src"))
			src := projectSources(p, d)
			for _, pd := range src.PackageDirs {
				add(path.Join(d, pd))
			}
			for _, dep := range src.PathDeps {
				project(path.Join(d, dep), depth+1)
			}
			for _, m := range src.Members {
				if strings.ContainsAny(m, "*?[") {
					r.Globs = append(r.Globs, path.Join(d, m))
				} else {
					project(path.Join(d, m), depth+1)
				}
			}
			for _, w := range src.WorkspaceDeps {
				if r.WorkspaceDeps == nil {
					r.WorkspaceDeps = map[string]bool{}
				}
				// an import name is the distribution's with "_" for "-"
				r.WorkspaceDeps[w] = true
			}
		}
		for d := dir; ; d = path.Dir(d) {
			if isProject(p, d) {
				project(d, 0)
			}
			if d == "." || d == "/" {
				break
			}
		}
		return r
	}).(Roots)
}

// isProject reports a directory with Python packaging metadata.
func isProject(p *checks.Pass, dir string) bool {
	for _, n := range []string{"pyproject.toml", "setup.py", "setup.cfg"} {
		if Exists(p, path.Join(dir, n)) {
			return true
		}
	}
	return false
}

// projectSources reads the sources of the pyproject.toml in dir once per
// run (none when it is missing or does not parse).
func projectSources(p *checks.Pass, dir string) pyproject.Sources {
	fp := path.Join(dir, "pyproject.toml")
	return p.Memo("pyfile:sources:"+fp, func() any {
		if !Exists(p, fp) {
			return pyproject.Sources{}
		}
		b, err := p.Tree.ReadFile(fp)
		if err != nil {
			return pyproject.Sources{}
		}
		pr, err := pyproject.Parse(b)
		if err != nil {
			return pyproject.Sources{}
		}
		return pr.Sources()
	}).(pyproject.Sources)
}

// memberDirs expands workspace member globs to the directories of the
// repository that match them and hold a pyproject.toml, with their src/
// directories, from one listing per run.
func memberDirs(p *checks.Pass, globs []string) []string {
	projects := p.Memo("pyfile:projectdirs", func() any {
		var out []string
		files, err := p.Tree.Files()
		if err != nil {
			return out
		}
		for _, fi := range files {
			if path.Base(fi.Path) == "pyproject.toml" {
				out = append(out, path.Dir(fi.Path))
			}
		}
		return out
	}).([]string)
	var out []string
	for _, d := range projects {
		for _, g := range globs {
			if ok, _ := path.Match(g, d); ok {
				out = append(out, d, path.Join(d, "src"))
				for _, pd := range projectSources(p, d).PackageDirs {
					out = append(out, path.Join(d, pd))
				}
				break
			}
		}
	}
	return out
}
