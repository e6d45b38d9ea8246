package seeds

import (
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/parse/python"
	"github.com/git-repro/git-repro/rules/internal/pyfile"
)

// The module model across files: resolving a call to the repository
// function it runs (same module, a method through self, an import, a
// re-export in a package's __init__.py, a star import) and finding the
// repository modules a program imports.

// resolveRepoCall finds the repository function a call runs: a function
// or class of the same module, a method through self, or a function
// imported from another module of the repository.
func resolveRepoCall(p *checks.Pass, f *pyfile.File, fn *python.Func, callee, resolved string) (*pyfile.File, *python.Func) {
	m := f.Mod
	head, _, _ := strings.Cut(callee, ".")
	if _, bound := m.Binding(head); !bound && !strings.HasPrefix(callee, ".") {
		// not bound by an import
		if !strings.Contains(callee, ".") {
			if g := m.Funcs[fn.Name+"."+callee]; g != nil { // nested function
				return f, g
			}
			if g := m.Funcs[callee]; g != nil {
				return f, g
			}
			if m.Classes[callee] {
				return f, m.Funcs[callee+".__init__"]
			}
			// a star import from a repository module
			for _, im := range m.Imports {
				if im.Name != "*" {
					continue
				}
				if g := loadModule(p, f, im.Module); g != nil && g.Mod != nil {
					if h := g.Mod.Funcs[callee]; h != nil {
						return g, h
					}
				}
			}
			return nil, nil
		}
		_, rest, _ := strings.Cut(callee, ".")
		if (head == "self" || head == "cls") && fn.Class != "" && !strings.Contains(rest, ".") {
			return f, m.Funcs[fn.Class+"."+rest]
		}
		if m.Classes[head] && !strings.Contains(rest, ".") {
			return f, m.Funcs[callee] // Policy.reset, a class of this module
		}
		return nil, nil
	}
	if strings.HasPrefix(callee, ".") {
		return nil, nil
	}
	return qualifiedRepoCall(p, f, resolved)
}

// qualifiedRepoCall finds the repository function or class a qualified
// name (module path + function, class or Class.method) names, from file f.
func qualifiedRepoCall(p *checks.Pass, f *pyfile.File, resolved string) (*pyfile.File, *python.Func) {
	parts := strings.Split(resolved, ".")
	lead := 0
	for lead < len(parts) && parts[lead] == "" {
		lead++
	}
	for k := len(parts) - 1; k > lead; k-- {
		modName := strings.Join(parts[:k], ".")
		if lead > 0 {
			modName = strings.Repeat(".", lead) + strings.Join(parts[lead:k], ".")
		}
		g := loadModule(p, f, modName)
		if g == nil || g.Mod == nil {
			continue
		}
		return lookupIn(p, g, strings.Join(parts[k:], "."), 0)
	}
	return nil, nil
}

// lookupIn finds function or class name in module g, following what g
// itself imports (a package's __init__.py that re-exports a helper).
func lookupIn(p *checks.Pass, g *pyfile.File, name string, depth int) (*pyfile.File, *python.Func) {
	if g == nil || g.Mod == nil || depth > 8 {
		return nil, nil
	}
	if h := g.Mod.Funcs[name]; h != nil {
		return g, h
	}
	if g.Mod.Classes[name] {
		return g, g.Mod.Funcs[name+".__init__"]
	}
	if r := g.Mod.Resolve(name); r != name && !knownLibrary(r) {
		parts := strings.Split(r, ".")
		lead := 0
		for lead < len(parts) && parts[lead] == "" {
			lead++
		}
		for k := len(parts) - 1; k > lead; k-- {
			modName := strings.Repeat(".", lead) + strings.Join(parts[lead:k], ".")
			if h := loadModule(p, g, modName); h != nil && h.Mod != nil && h != g {
				return lookupIn(p, h, strings.Join(parts[k:], "."), depth+1)
			}
		}
	}
	if !strings.Contains(name, ".") {
		for _, im := range g.Mod.Imports {
			if im.Name == "*" {
				if h := loadModule(p, g, im.Module); h != nil && h != g {
					if hf, fn := lookupIn(p, h, name, depth+1); fn != nil {
						return hf, fn
					}
				}
			}
		}
	}
	return nil, nil
}

// loadModule finds a module of the repository by its dotted name (leading
// dots: relative to from's package) and parses it.
func loadModule(p *checks.Pass, from *pyfile.File, name string) *pyfile.File {
	return pyfile.LoadModule(p, from, name)
}

// importClosure adds f and the repository modules it imports, transitively.
func importClosure(p *checks.Pass, f *pyfile.File, seen map[string]bool) {
	if f == nil || f.Mod == nil || seen[f.Path] || len(seen) > 2000 {
		return
	}
	seen[f.Path] = true
	for _, im := range f.Mod.Imports {
		for _, c := range importCandidates(im) {
			if knownLibrary(c) {
				break
			}
			if g := loadModule(p, f, c); g != nil {
				importClosure(p, g, seen)
				break
			}
		}
	}
}

// importCandidates are the module names an import may load, most
// specific first: `from a import b` loads a.b if it is a module, else a.
func importCandidates(im python.Import) []string {
	switch {
	case im.Name == "" || im.Name == "*":
		return []string{im.Module}
	case strings.HasSuffix(im.Module, "."):
		return []string{im.Module + im.Name, im.Module}
	default:
		return []string{im.Module + "." + im.Name, im.Module}
	}
}
