package pyproject

import (
	"strings"

	"github.com/git-repro/git-repro/parse/pipreq"
)

// Pipfile is a parsed Pipfile.
type Pipfile struct {
	Doc   map[string]any
	Index Index
	// PythonVersion is [requires] python_version or python_full_version.
	PythonVersion     string
	PythonVersionLine int
	Deps              []Dep
}

// pipfileNonCategories are the Pipfile tables that hold no packages.
var pipfileNonCategories = map[string]bool{"source": true, "requires": true, "scripts": true, "pipenv": true, "pipfile": true}

// ParsePipfile reads Pipfile content.
func ParsePipfile(data []byte) (*Pipfile, error) {
	doc, ix, err := Decode(data)
	if err != nil {
		return nil, err
	}
	pf := &Pipfile{Doc: doc, Index: ix}
	if req, ok := doc["requires"].(map[string]any); ok {
		for _, k := range []string{"python_full_version", "python_version"} {
			if s, ok := req[k].(string); ok {
				pf.PythonVersion, pf.PythonVersionLine = s, ix.Line("requires", k)
				break
			}
		}
	}
	for _, cat := range sortedKeys(doc) {
		if pipfileNonCategories[cat] {
			continue
		}
		t, ok := doc[cat].(map[string]any)
		if !ok {
			continue
		}
		for _, name := range sortedKeys(t) {
			spec, pin := pipfileConstraint(name, t[name])
			pf.Deps = append(pf.Deps, Dep{Name: name, Spec: spec, Group: cat, Line: ix.Line(cat, name), Pin: pin})
		}
	}
	return pf, nil
}

// pipfileConstraint classifies a Pipfile package value: "*", a PEP 440
// specifier, or a table with version / git+ref / path / file.
func pipfileConstraint(name string, v any) (string, PinKind) {
	switch x := v.(type) {
	case string:
		if strings.TrimSpace(x) == "*" {
			return x, Unpinned
		}
		return x, pinOf(name + x)
	case map[string]any:
		if s, ok := x["version"].(string); ok {
			return pipfileConstraint(name, s)
		}
		if g, ok := x["git"].(string); ok {
			if ref, ok := x["ref"].(string); ok && pipreq.IsFullCommit("git", ref) {
				return g + "@" + ref, Exact
			}
			return g, Unpinned
		}
		if s, ok := x["path"].(string); ok {
			return s, Local
		}
		if s, ok := x["file"].(string); ok {
			return s, urlPin(s)
		}
		return "*", Unpinned
	}
	return "", Unpinned
}
