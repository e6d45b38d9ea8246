package pyproject

import (
	"fmt"
	"sort"
	"strings"

	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/parse/pipreq"
)

// PinKind says how tightly a dependency is pinned. For PEP 508 strings,
// Pipfile versions and direct references it is pipreq's verdict
// (pipreq.Requirement.Pin), so that a requirement means the same here as
// in a requirements file; Poetry's own constraint syntax is read here.
type PinKind = pipreq.Pin

// Pin kinds, loosest first.
const (
	Unpinned = pipreq.PinNone  // no version constraint, or a moving reference
	Range    = pipreq.PinRange // a constraint that admits several versions (^1.2, >=1, ~=1.2, ==1.*)
	Exact    = pipreq.PinExact // exactly one version (==1.2.3, a VCS commit, a hashed archive)
	Local    = pipreq.PinLocal // a path on disk: versioned with the repository
)

// Dep is one declared dependency.
type Dep struct {
	Name string // as written
	// Spec is the constraint as written: a PEP 508 string, or a Poetry /
	// Pipfile constraint ("^1.2", "*", "git@v1").
	Spec string
	// Group names where it is declared: "project", "optional:gpu",
	// "dependency-groups:dev", "poetry", "poetry-group:dev", "uv-dev",
	// "pdm-dev:test", "packages", "dev-packages".
	Group string
	Line  int
	Pin   PinKind
}

// Project is a parsed pyproject.toml.
type Project struct {
	Doc   map[string]any // the decoded document, for lock hashes
	Index Index

	Name           string
	HasProject     bool // a [project] table
	HasPoetry      bool // a [tool.poetry] table
	HasUV, HasPDM  bool
	HasBuildSystem bool
	BuildBackend   string
	// NotPackage is set by tool.poetry.package-mode = false or
	// tool.uv.package = false: the project builds no distribution.
	NotPackage bool
	// DynamicDeps is set when [project] dynamic lists "dependencies".
	DynamicDeps bool
	// Classifiers are the trove classifiers of [project] or
	// [tool.poetry]: metadata that only a package index reads.
	Classifiers []string

	RequiresPython     string
	RequiresPythonLine int
	PoetryPython       string // tool.poetry.dependencies.python
	PoetryPythonLine   int

	Deps []Dep
}

// IsLibrary reports whether the project builds a distribution: it has a
// [build-system], a name, and does not opt out of packaging.
func (p *Project) IsLibrary() bool {
	return p.HasBuildSystem && p.Name != "" && !p.NotPackage
}

// Parse reads pyproject.toml content.
func Parse(data []byte) (*Project, error) {
	doc, ix, err := Decode(data)
	if err != nil {
		return nil, err
	}
	p := &Project{Doc: doc, Index: ix}
	if bs, ok := doc["build-system"].(map[string]any); ok {
		p.HasBuildSystem = true
		p.BuildBackend, _ = bs["build-backend"].(string)
	}
	if proj, ok := doc["project"].(map[string]any); ok {
		p.HasProject = true
		p.Name, _ = proj["name"].(string)
		if rp, ok := proj["requires-python"].(string); ok {
			p.RequiresPython = rp
			p.RequiresPythonLine = ix.Line("project", "requires-python")
		}
		p.Classifiers = asSlice(proj["classifiers"])
		for _, d := range asSlice(proj["dynamic"]) {
			if d == "dependencies" || d == "optional-dependencies" {
				p.DynamicDeps = true
			}
		}
		p.addPEP508List(proj["dependencies"], "project", "project", "dependencies")
		if opt, ok := proj["optional-dependencies"].(map[string]any); ok {
			for _, name := range sortedKeys(opt) {
				p.addPEP508List(opt[name], "optional:"+name, "project", "optional-dependencies", name)
			}
		}
	}
	if groups, ok := doc["dependency-groups"].(map[string]any); ok {
		for _, name := range sortedKeys(groups) {
			p.addPEP508List(groups[name], "dependency-groups:"+name, "dependency-groups", name)
		}
	}
	tool, _ := doc["tool"].(map[string]any)
	if poetry, ok := tool["poetry"].(map[string]any); ok {
		p.HasPoetry = true
		if p.Name == "" {
			p.Name, _ = poetry["name"].(string)
		}
		if len(p.Classifiers) == 0 {
			p.Classifiers = asSlice(poetry["classifiers"])
		}
		if pm, ok := poetry["package-mode"].(bool); ok && !pm {
			p.NotPackage = true
		}
		if !p.HasBuildSystem && !p.HasProject && p.Name != "" {
			// Poetry 1.x projects without [build-system] still build with
			// "poetry build".
			p.HasBuildSystem = true
		}
		p.addPoetryTable(poetry["dependencies"], "poetry", "tool", "poetry", "dependencies")
		p.addPoetryTable(poetry["dev-dependencies"], "poetry-dev", "tool", "poetry", "dev-dependencies")
		if gs, ok := poetry["group"].(map[string]any); ok {
			for _, g := range sortedKeys(gs) {
				gt, _ := gs[g].(map[string]any)
				p.addPoetryTable(gt["dependencies"], "poetry-group:"+g, "tool", "poetry", "group", g, "dependencies")
			}
		}
	}
	if uv, ok := tool["uv"].(map[string]any); ok {
		p.HasUV = true
		if pk, ok := uv["package"].(bool); ok && !pk {
			p.NotPackage = true
		}
		p.addPEP508List(uv["dev-dependencies"], "uv-dev", "tool", "uv", "dev-dependencies")
		p.applyUVSources(uv["sources"])
	}
	if pdm, ok := tool["pdm"].(map[string]any); ok {
		p.HasPDM = true
		if d, ok := pdm["distribution"].(bool); ok && !d {
			p.NotPackage = true
		}
		if dd, ok := pdm["dev-dependencies"].(map[string]any); ok {
			for _, g := range sortedKeys(dd) {
				p.addPEP508List(dd[g], "pdm-dev:"+g, "tool", "pdm", "dev-dependencies", g)
			}
		}
	}
	return p, nil
}

func (p *Project) addPEP508List(v any, group string, path ...string) {
	for i, e := range asAnySlice(v) {
		s, ok := e.(string)
		if !ok {
			continue // {include-group = "..."} and other tables
		}
		r, ok := ParseRequirement(s)
		if !ok {
			continue
		}
		line := p.Index.Line(append(append([]string(nil), path...), fmt.Sprint(i))...)
		p.Deps = append(p.Deps, Dep{Name: r.Name, Spec: s, Group: group, Line: line, Pin: pinOf(s)})
	}
}

// applyUVSources applies [tool.uv.sources] to the PEP 508 dependencies:
// uv installs a dependency from its source, whatever the version range
// says. A workspace member ({workspace = true}) or a path ({path = ...})
// is code of the repository, versioned with it (Local); a git source at a
// full commit is pinned (Exact). A list of sources (one per marker) counts
// as its loosest entry; an index or URL source leaves the dependency as
// written.
func (p *Project) applyUVSources(v any) {
	sources, ok := v.(map[string]any)
	if !ok {
		return
	}
	kind := func(src any) (PinKind, bool) {
		t, ok := src.(map[string]any)
		if !ok {
			return Unpinned, false
		}
		if ws, ok := t["workspace"].(bool); ok && ws {
			return Local, true
		}
		if _, ok := t["path"].(string); ok {
			return Local, true
		}
		if _, ok := t["git"].(string); ok {
			if rev, ok := t["rev"].(string); ok && pipreq.IsFullCommit("git", rev) {
				return Exact, true
			}
			return Unpinned, true
		}
		return Unpinned, false
	}
	byName := map[string]PinKind{}
	for name, src := range sources {
		if list, ok := src.([]any); ok {
			pin, all := Local, len(list) > 0
			for _, e := range list {
				k, ok := kind(e)
				all = all && ok
				if k < pin {
					pin = k
				}
			}
			if all {
				byName[pipreq.CanonicalName(name)] = pin
			}
			continue
		}
		if k, ok := kind(src); ok {
			byName[pipreq.CanonicalName(name)] = k
		}
	}
	for i, d := range p.Deps {
		if strings.HasPrefix(d.Group, "poetry") {
			continue // uv reads [tool.poetry] for nothing
		}
		if k, ok := byName[pipreq.CanonicalName(d.Name)]; ok {
			p.Deps[i].Pin = k
		}
	}
}

func (p *Project) addPoetryTable(v any, group string, path ...string) {
	t, ok := v.(map[string]any)
	if !ok {
		return
	}
	for _, name := range sortedKeys(t) {
		line := p.Index.Line(append(append([]string(nil), path...), name)...)
		if strings.EqualFold(name, "python") {
			if s, ok := t[name].(string); ok && group == "poetry" {
				p.PoetryPython, p.PoetryPythonLine = s, line
			}
			continue
		}
		spec, pin := poetryConstraint(t[name])
		p.Deps = append(p.Deps, Dep{Name: name, Spec: spec, Group: group, Line: line, Pin: pin})
	}
}

// poetryConstraint classifies a Poetry dependency value: a version string,
// a table (version / git / path / url), or an array of tables (multiple
// constraints); the loosest entry wins.
func poetryConstraint(v any) (string, PinKind) {
	switch x := v.(type) {
	case string:
		return x, poetryVersionPin(x)
	case map[string]any:
		if s, ok := x["version"].(string); ok {
			return s, poetryVersionPin(s)
		}
		if g, ok := x["git"].(string); ok {
			if rev, ok := x["rev"].(string); ok && pipreq.IsFullCommit("git", rev) {
				return g + "@" + rev, Exact
			}
			if tag, ok := x["tag"].(string); ok {
				return g + "@" + tag, Unpinned // a tag can move
			}
			if br, ok := x["branch"].(string); ok {
				return g + "@" + br, Unpinned
			}
			if rev, ok := x["rev"].(string); ok {
				return g + "@" + rev, Unpinned
			}
			return g, Unpinned
		}
		if s, ok := x["path"].(string); ok {
			return s, Local
		}
		if s, ok := x["url"].(string); ok {
			return s, pinOf(s)
		}
		return "", Unpinned
	case []any:
		spec, pin := "", Exact
		for _, e := range x {
			s, k := poetryConstraint(e)
			if spec == "" {
				spec = s
			}
			if k < pin {
				pin = k
			}
		}
		if len(x) == 0 {
			pin = Unpinned
		}
		return spec, pin
	}
	return "", Unpinned
}

var poetryExact = lazyre.New(`^(?:===?|=)?\s*v?[0-9][0-9A-Za-z.+!_-]*$`)

// poetryVersionPin classifies a Poetry version constraint: a bare version
// ("1.2.3") or "==1.2.3" is exact; "*" or empty is unpinned; anything else
// (^, ~, >=, wildcards, "||") is a range.
func poetryVersionPin(s string) PinKind {
	s = strings.TrimSpace(s)
	switch {
	case s == "" || s == "*":
		return Unpinned
	case strings.Contains(s, "*"):
		return Range
	case poetryExact().MatchString(s):
		return Exact
	}
	return Range
}

func asAnySlice(v any) []any {
	s, _ := v.([]any)
	return s
}

func asSlice(v any) []string {
	var out []string
	for _, e := range asAnySlice(v) {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
