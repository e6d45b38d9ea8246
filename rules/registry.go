package rules

import (
	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/rules/docker"
	"github.com/git-repro/git-repro/rules/docs"
	"github.com/git-repro/git-repro/rules/hub"
	"github.com/git-repro/git-repro/rules/largefiles"
	"github.com/git-repro/git-repro/rules/modelcard"
	"github.com/git-repro/git-repro/rules/notebooks"
	"github.com/git-repro/git-repro/rules/secrets"
	"github.com/git-repro/git-repro/rules/seeds"
)

// Families returns the registry: every rule family, in catalogue order
// (the order of "git repro rules", SARIF and the reports). A family is one
// package under rules/ and is listed here once; nothing registers itself.
func Families() []checks.Family {
	// While the families move out of package checks, those still there
	// come from checks.Families, in their catalogue places.
	left := map[string]checks.Family{}
	for _, f := range checks.Families() {
		left[f.Name] = f
	}
	return []checks.Family{
		left["pip"],
		left["deps"],
		hub.Family, // Hugging Face Hub and torch.hub revisions
		left["ci"],
		docker.Family,     // Dockerfiles, build contexts, compose
		seeds.Family,      // seeds and determinism in programs and notebooks
		notebooks.Family,  // notebook hygiene
		modelcard.Family,  // model cards for model artifacts
		largefiles.Family, // large files, LFS and DVC
		secrets.Family,    // committed credentials
		docs.Family,       // the README checklist
	}
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
