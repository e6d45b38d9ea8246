package checks

import "strings"

// Family is a named group of rules defined in one file.
type Family struct {
	Name  string // "pip", "docker", ...; also the golden-test directory under testdata/
	Rules []*Rule
}

// Families returns the registry: every rule family, in catalogue order. A
// family is one file that defines its rules as values, and it is listed
// here once. Nothing registers itself in init().
func Families() []Family {
	return []Family{
		{"pip", pipRules},              // deps_pip.go
		{"deps", depsRules},            // deps_*.go: conda, pyproject, locks, python version
		{"ci", ciRules},                // ci.go
		{"docker", dockerRules},        // docker.go
		{"seeds", seedRules},           // seeds.go
		{"notebooks", notebookRules},   // notebooks.go
		{"modelcard", modelCardRules},  // modelcard.go
		{"largefiles", largeFileRules}, // largefiles.go
		{"secrets", secretRules},       // secrets.go
		{"docs", docsRules},            // docs.go
	}
}

// All returns every rule, in catalogue order.
func All() []*Rule {
	var all []*Rule
	for _, f := range Families() {
		all = append(all, f.Rules...)
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
