package pyfile

import (
	"path"
	"strings"

	"github.com/git-repro/git-repro/checks"
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
// under src/ (as a module or a package's __init__.py); "" if none.
func FindModule(p *checks.Pass, fromPath, name string) string {
	dots := 0
	for dots < len(name) && name[dots] == '.' {
		dots++
	}
	rel := strings.ReplaceAll(name[dots:], ".", "/")
	var bases []string
	if dots > 0 {
		dir := path.Dir(fromPath)
		for i := 1; i < dots; i++ {
			dir = path.Dir(dir)
		}
		bases = []string{dir}
	} else {
		bases = []string{".", path.Dir(fromPath), "src"}
	}
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
