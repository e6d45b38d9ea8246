package seeds

import (
	"path"
	"sort"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
)

// Programs: which files are entry points (a main guard, a script with
// top-level calls, a notebook), and which files a staged module's loaders
// may be run from.

// isProgram reports whether a .py file is an entry point: it has a main
// guard, or it is a script (top-level calls, not inside a package, not a
// test or packaging file).
func isProgram(p *checks.Pass, f *pyfile.File) bool {
	if f.NB != nil || f.Mod.Main != nil {
		return true
	}
	base := path.Base(f.Path)
	if base == "__init__.py" || base == "setup.py" || base == "conftest.py" || base == "conf.py" ||
		base == "noxfile.py" ||
		strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") {
		return false
	}
	for _, part := range strings.Split(path.Dir(f.Path), "/") {
		if part == "tests" || part == "test" || part == "testing" {
			return false
		}
	}
	if pyfile.Exists(p, path.Join(path.Dir(f.Path), "__init__.py")) && base != "__main__.py" {
		return false
	}
	for _, e := range f.Mod.Top.Events {
		if e.Call != nil {
			return true
		}
	}
	return false
}

// seedPrograms returns the programs that may import the modules of the
// loader sites: every program among the targets on a full run. A hook
// (a subset of files) must not read every file of a large repository, so
// there the candidates are found by path, from the tree's file list: the
// .py files and notebooks in each site's directory and its parents, those
// under scripts/, tools/, bin/, experiments/, notebooks/ or nbs/, and
// files named like entry points (train*.py, main*.py, run*.py, cli*.py,
// __main__.py ...).
func seedPrograms(p *checks.Pass, sites []loaderSite) []*pyfile.File {
	dirs := make([]string, len(sites))
	for i, s := range sites {
		dirs[i] = path.Dir(s.f.Path)
	}
	var out []*pyfile.File
	for _, f := range candidateModules(p, dirs) {
		if isProgram(p, f) {
			out = append(out, f)
		}
	}
	return out
}

// candidateModules returns the modules and notebooks that may import a
// module of one of dirs: every target on a full run; in a hook, those in
// the directories and their parents, and files placed or named like
// programs (entryLike), found in the tree's file list without reading
// every file.
func candidateModules(p *checks.Pass, dirs []string) []*pyfile.File {
	var paths []string
	if p.Full {
		for _, t := range p.Targets {
			if t.LFS == nil {
				paths = append(paths, t.Path)
			}
		}
	} else if files, err := p.Tree.Files(); err == nil {
		near := map[string]bool{}
		for _, dir := range dirs {
			for d := dir; ; d = path.Dir(d) {
				near[d] = true
				if d == "." || d == "/" {
					break
				}
			}
		}
		for _, fi := range files {
			if fi.LFS == nil && (pyfile.IsPython(fi.Path) || pyfile.IsNotebook(fi.Path)) && (near[path.Dir(fi.Path)] || entryLike(fi.Path)) {
				paths = append(paths, fi.Path)
			}
		}
	}
	sort.Strings(paths)
	var out []*pyfile.File
	for _, fp := range paths {
		if !pyfile.IsPython(fp) && !pyfile.IsNotebook(fp) {
			continue
		}
		if f := pyfile.LoadCode(p, fp); f != nil && f.Mod != nil {
			out = append(out, f)
		}
	}
	return out
}

// libraryModule reports whether a .py module is meant to be imported: it
// is inside a package (an __init__.py beside it), or another module of
// the repository imports it.
func libraryModule(p *checks.Pass, f *pyfile.File) bool {
	if f.NB != nil || path.Base(f.Path) == "__main__.py" {
		return false
	}
	if pyfile.Exists(p, path.Join(path.Dir(f.Path), "__init__.py")) {
		return true
	}
	dir := "" // a full run reads every module once
	if !p.Full {
		dir = path.Dir(f.Path)
	}
	return importedModules(p, dir)[f.Path]
}

// importedModules is the set of repository modules that another module
// imports, among the candidate importers of dir (every module on a full
// run), computed once per run and directory.
func importedModules(p *checks.Pass, dir string) map[string]bool {
	return p.Memo("seeds:imported:"+dir, func() any {
		out := map[string]bool{}
		for _, g := range candidateModules(p, []string{dir}) {
			for _, im := range g.Mod.Imports {
				for _, cand := range importCandidates(im) {
					if knownLibrary(cand) {
						break
					}
					if h := loadModule(p, g, cand); h != nil {
						if h.Path != g.Path {
							out[h.Path] = true
						}
						break
					}
				}
			}
		}
		return out
	}).(map[string]bool)
}

var entryDirs = setOf("scripts", "script", "tools", "bin", "experiments", "notebooks", "nbs")

var entryPrefixes = []string{"train", "main", "run", "cli", "fit", "finetune", "pretrain", "eval", "launch", "app"}

// entryLike reports whether a path looks like a program's by its place or
// name.
func entryLike(p string) bool {
	for _, c := range strings.Split(path.Dir(p), "/") {
		if entryDirs[strings.ToLower(c)] {
			return true
		}
	}
	base := strings.ToLower(path.Base(p))
	if base == "__main__.py" {
		return true
	}
	for _, pre := range entryPrefixes {
		if strings.HasPrefix(base, pre) {
			return true
		}
	}
	return false
}
