package checks

// Families returns the registry: every rule family, in catalogue order. A
// family is one file that defines its rules as values, and it is listed
// here once. Nothing registers itself in init().
func Families() []Family {
	return []Family{
		{"pip", pipRules, depsSettings},   // deps_pip.go
		{"deps", depsRules, depsSettings}, // deps_*.go: conda, pyproject, locks, python version
		{"ci", ciRules, ciSettings},       // ci.go
	}
}
