package rules

import (
	"github.com/git-repro/git-repro/checks"
)

// Families returns the registry: every rule family, in catalogue order
// (the order of "git repro rules", SARIF and the reports). A family is one
// package under rules/ and is listed here once; nothing registers itself.
func Families() []checks.Family {
	return checks.Families()
}

// All returns every rule, in catalogue order.
func All() []*checks.Rule {
	var all []*checks.Rule
	for _, f := range Families() {
		all = append(all, f.Rules...)
	}
	return all
}

// Lookup returns the rule with the given id (case-insensitive), or nil.
func Lookup(id string) *checks.Rule { return checks.FindRule(All(), id) }
