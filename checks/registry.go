package checks

import "strings"

// All returns every rule, in catalogue order. This slice is the registry:
// a rule family is one file that defines its rules as values, and it is
// listed here once. Nothing registers itself in init().
func All() []*Rule {
	families := [][]*Rule{
		pipRules,       // deps_pip.go
		depsRules,      // deps_*.go: conda, pyproject, locks, python version
		ciRules,        // ci.go
		dockerRules,    // docker.go
		seedRules,      // seeds.go
		notebookRules,  // notebooks.go
		modelCardRules, // modelcard.go
		largeFileRules, // largefiles.go
		secretRules,    // secrets.go
		docsRules,      // docs.go
	}
	var all []*Rule
	for _, f := range families {
		all = append(all, f...)
	}
	return all
}

// Lookup returns the rule with the given id (case-insensitive), or nil.
func Lookup(id string) *Rule {
	for _, r := range All() {
		if strings.EqualFold(r.ID, id) {
			return r
		}
	}
	return nil
}
