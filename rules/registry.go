package rules

import (
	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/rules/ci"
	"github.com/git-repro/git-repro/rules/commands"
	"github.com/git-repro/git-repro/rules/deps"
	"github.com/git-repro/git-repro/rules/docker"
	"github.com/git-repro/git-repro/rules/docs"
	"github.com/git-repro/git-repro/rules/hub"
	"github.com/git-repro/git-repro/rules/largefiles"
	"github.com/git-repro/git-repro/rules/modelcard"
	"github.com/git-repro/git-repro/rules/notebooks"
	"github.com/git-repro/git-repro/rules/pip"
	"github.com/git-repro/git-repro/rules/secrets"
	"github.com/git-repro/git-repro/rules/seeds"
)

// Families returns the registry: every rule family, in catalogue order
// (the order of "git repro rules", SARIF and the reports). A family is one
// package under rules/ and is listed here once; nothing registers itself.
func Families() []checks.Family {
	return []checks.Family{
		pip.Family,        // requirements files
		deps.Family,       // conda, pyproject, Pipfile, locks, Python version
		hub.Family,        // Hugging Face Hub and torch.hub revisions
		ci.Family,         // GitHub Actions workflows
		commands.Family,   // install, clone and download commands in docs, scripts, Dockerfiles, notebooks
		docker.Family,     // Dockerfiles, build contexts, compose
		seeds.Family,      // seeds and determinism in programs and notebooks
		notebooks.Family,  // notebook hygiene
		modelcard.Family,  // model cards for model artifacts
		largefiles.Family, // large files, LFS and DVC
		secrets.Family,    // committed credentials
		docs.Family,       // the README checklist
	}
}

// All returns every rule, in catalogue order: the families' rules, then
// the engine's own (checks.EngineRules).
func All() []*checks.Rule {
	var all []*checks.Rule
	for _, f := range Families() {
		all = append(all, f.Rules...)
	}
	return append(all, checks.EngineRules...)
}

// Lookup returns the rule with the given id (case-insensitive), or nil.
func Lookup(id string) *checks.Rule { return checks.FindRule(All(), id) }
