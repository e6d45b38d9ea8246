package rules_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/rules"
)

// TestRegistry: every rule of every family is complete and has a unique
// id; every family is the package of its name, with golden cases; the
// sections of the registry make a valid configuration.
func TestRegistry(t *testing.T) {
	ids := map[string]string{}
	for _, f := range rules.Families() {
		if len(f.Rules) == 0 {
			t.Errorf("family %q has no rules", f.Name)
		}
		if _, err := os.Stat(filepath.Join(f.Name, "testdata", "bad")); err != nil {
			t.Errorf("family %q: no golden cases in rules/%s/testdata/bad: %v", f.Name, f.Name, err)
		}
		for _, r := range f.Rules {
			if prev, dup := ids[r.ID]; dup {
				t.Errorf("%s is in families %s and %s", r.ID, prev, f.Name)
			}
			ids[r.ID] = f.Name
			if r.Title == "" || r.Doc == "" || r.Remediation == "" || r.Run == nil {
				t.Errorf("%s: incomplete rule", r.ID)
			}
			if r.Severity < checks.Info || r.Severity > checks.Error {
				t.Errorf("%s: severity %v", r.ID, r.Severity)
			}
			if !slices.Contains(checks.Categories, r.Category) {
				t.Errorf("%s: category %q is not one of %v", r.ID, r.Category, checks.Categories)
			}
			if rules.Lookup(r.ID) != r {
				t.Errorf("Lookup(%q) does not find it", r.ID)
			}
		}
	}
	if _, err := checks.ParseConfig(checks.ConfigFile, nil, rules.Families()); err != nil {
		t.Errorf("the registry's sections: %v", err)
	}
	if len(rules.All()) != len(ids)+len(checks.EngineRules) {
		t.Errorf("All has %d rules, the families %d and the engine %d", len(rules.All()), len(ids), len(checks.EngineRules))
	}
}
