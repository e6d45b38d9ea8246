package share

import (
	"fmt"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/snapshot"
)

func TestFindingsKeepEachOnce(t *testing.T) {
	var f Findings
	d := checks.Diag{Pos: checks.Pos{Path: "a", Line: 1, Col: 2}, Message: "m"}
	f.Add("R-1", d)
	f.Add("R-1", d)                                                                      // the same finding: dropped
	f.Add("R-2", d)                                                                      // another rule's
	f.Add("R-1", checks.Diag{Pos: checks.Pos{Path: "a", Line: 1, Col: 3}, Message: "m"}) // another column
	if got := fmt.Sprint(len(f.Of("R-1")), len(f.Of("R-2")), len(f.Of("R-3"))); got != "2 1 0" {
		t.Errorf("findings per rule = %s, want 2 1 0", got)
	}
	var nilF *Findings
	if nilF.Of("R-1") != nil {
		t.Error("a nil Findings has findings")
	}
}

// TestRunOncePerRun: the analysis runs once, whichever rule asks first,
// and each rule reports only its own findings.
func TestRunOncePerRun(t *testing.T) {
	calls := 0
	run := Run("test:analysis", func(p *checks.Pass) *Findings {
		calls++
		var f Findings
		f.Add("T-001", checks.Diag{Pos: checks.Pos{Path: "x"}, Message: "one"})
		f.Add("T-002", checks.Diag{Pos: checks.Pos{Path: "x"}, Message: "two"})
		return &f
	})
	res := runRules(t, map[string]string{"x": ""}, run)
	if calls != 1 || res != "x T-001 one|x T-002 two" {
		t.Errorf("%d analyses, findings %q", calls, res)
	}
}

// TestPerFile: one analysis per target file the family reads.
func TestPerFile(t *testing.T) {
	var analysed []string
	run := PerFile("test", func(_ *checks.Pass, f snapshot.FileInfo) bool { return strings.HasSuffix(f.Path, ".sh") },
		func(_ *checks.Pass, f snapshot.FileInfo) *Findings {
			analysed = append(analysed, f.Path)
			var out Findings
			out.Add("T-001", checks.Diag{Pos: checks.Pos{Path: f.Path}, Message: "one"})
			return &out
		})
	res := runRules(t, map[string]string{"a.sh": "", "b.sh": "", "c.py": ""}, run)
	if got := strings.Join(analysed, " "); got != "a.sh b.sh" || res != "a.sh T-001 one|b.sh T-001 one" {
		t.Errorf("analysed %q, findings %q", got, res)
	}
}

// runRules runs two rules, T-001 and T-002, with the same Run function
// over a tree, and lists the findings.
func runRules(t *testing.T, files map[string]string, run func(*checks.Pass)) string {
	t.Helper()
	tree := &snapshot.MapTree{Content: files}
	targets, err := tree.Files()
	if err != nil {
		t.Fatal(err)
	}
	var rules []*checks.Rule
	for _, id := range []string{"T-001", "T-002"} {
		rules = append(rules, &checks.Rule{ID: id, Category: checks.CatDeps, Severity: checks.Warning, Title: "t", Run: run})
	}
	res := checks.Run(checks.Options{Tree: tree, Targets: targets, Full: true, Rules: rules})
	var out []string
	for _, f := range res.Findings {
		out = append(out, f.Path+" "+f.Rule+" "+f.Message)
	}
	return strings.Join(out, "|")
}
