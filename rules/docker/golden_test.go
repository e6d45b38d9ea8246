package docker_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/internal/rulestest"
	"github.com/git-repro/git-repro/rules/docker"
	"github.com/git-repro/git-repro/rules/pip"
	"github.com/git-repro/git-repro/snapshot"
)

// withDEP001 is the docker family with the pip rule that reports the
// unpinned lines of the requirements files a RUN reads (REPRO-DEP-001,
// which names the RUN): REPRO-DOCKER-010 leaves those lines to it, so the
// goldens and the examples show which file each RUN reads through it.
var withDEP001 = checks.Family{
	Name:     docker.Family.Name,
	Rules:    append(append([]*checks.Rule(nil), docker.Family.Rules...), checks.FindRule(pip.Family.Rules, "REPRO-DEP-001")),
	Settings: docker.Family.Settings,
}

func TestGolden(t *testing.T) { rulestest.Golden(t, withDEP001) }

func TestDocsDockerExamples(t *testing.T) {
	doc, n := rulestest.CheckDocExamples(t, "../../docs/docker.md", func(ex rulestest.DocExample) string {
		tree := &snapshot.MapTree{Content: ex.Files}
		all, _ := tree.Files()
		res := checks.Run(checks.Options{Tree: tree, Targets: all, Full: true, Rules: withDEP001.Rules})
		for _, err := range res.Errors {
			t.Errorf("engine error: %v", err)
		}
		return rulestest.Lines(res.Findings)
	})
	for _, r := range docker.Family.Rules {
		row := fmt.Sprintf("| %s | %s | %s |", r.ID, r.Severity, r.Category)
		if !strings.Contains(doc, row) {
			t.Errorf("docs/docker.md rule table lacks %q", row)
		}
	}
	if n < 5 {
		t.Errorf("only %d examples found", n)
	}
}
