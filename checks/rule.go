package checks

import "strings"

// Rule is one check: metadata (shown by "git repro rules" and "explain",
// and written into SARIF) beside the function that runs it.
type Rule struct {
	ID       string   // stable id, "REPRO-DEP-001"
	Category string   // one of Categories
	Severity Severity // default severity; .repro.yaml may change it
	Title    string   // short, lowercase, e.g. "unpinned pip requirement"
	// Doc explains why the rule exists (a paragraph or two, markdown).
	Doc string
	// Remediation says how to fix a finding; it is the default hint.
	Remediation string
	// Run inspects pass.Targets (and, where the rule is repository-wide,
	// pass.Tree) and reports findings. It must not panic on any input: a
	// file it cannot parse is reported as a finding.
	Run func(pass *Pass)
}

// Family is a group of rules that share code and settings, listed once in
// the registry.
type Family struct {
	Name  string // "pip", "docker", ...; also the golden-test directory under testdata/
	Rules []*Rule
	// Settings is the family's section of .repro.yaml, nil when it has
	// none. Families may share one (pip and deps both read deps:).
	Settings Section
}

// FindRule returns the rule of rules with the given id
// (case-insensitive), or nil.
func FindRule(rules []*Rule, id string) *Rule {
	for _, r := range rules {
		if strings.EqualFold(r.ID, id) {
			return r
		}
	}
	return nil
}
