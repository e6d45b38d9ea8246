package realworld_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/internal/realworld"
	"github.com/git-repro/git-repro/rules"
)

const testdataDir = "../../testdata"

// TestHoldout runs every rule on every case of testdata/holdout, the first
// holdout set (written blind, since used to fix the rules), and judges each
// error and warning finding by the case's blind expectations and hand review
// (realworld.ReviewHoldout). A holdout mismatch never fails: it is what the
// table in docs/precision.md reports. The test fails only when the case data
// cannot be read or names a rule the catalogue lacks, and when that table is
// out of date (-update rewrites it). With -v it prints each case's verdicts,
// misses and findings.
func TestHoldout(t *testing.T) { runHoldout(t, realworld.HoldoutSets[0]) }

// TestHoldout2 is TestHoldout on testdata/holdout2, the second holdout set:
// 30 repositories written blind after the rules were fixed against the
// first; unseen on its first run, since used to fix the rules too.
func TestHoldout2(t *testing.T) { runHoldout(t, realworld.HoldoutSets[1]) }

// TestHoldout3 is TestHoldout on testdata/holdout3, the third holdout set:
// 24 repositories written blind after the rules were fixed against the
// first two, with expectations committed before any run.
func TestHoldout3(t *testing.T) { runHoldout(t, realworld.HoldoutSets[2]) }

func runHoldout(t *testing.T, set realworld.HoldoutSet) {
	cases, err := realworld.Load(filepath.Join(testdataDir, set.Dir))
	if err != nil {
		t.Fatal(err)
	}
	var verdicts []*realworld.HoldoutVerdict
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			for _, id := range c.Expect.Rules() {
				if rules.Lookup(id) == nil {
					t.Errorf("expect.yaml names %s, which the catalogue lacks", id)
				}
			}
			findings, errs := checkCase(t, c)
			v := realworld.ReviewHoldout(c, findings)
			for _, err := range errs {
				v.EngineErrors = append(v.EngineErrors, err.Error())
			}
			verdicts = append(verdicts, v)
			reportHoldout(t, v)
		})
	}
	if t.Failed() || len(verdicts) != len(cases) {
		return
	}
	table := realworld.HoldoutTable(verdicts, func(id string) string {
		if r := rules.Lookup(id); r != nil {
			return r.Category
		}
		return ""
	}, set.Described)
	t.Logf("%s:\n%s", set.Dir, table)
	doc, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	want, err := realworld.ReplaceBetween(string(doc), set.Begin, set.End, table)
	if err != nil {
		t.Fatalf("%s: %v", docPath, err)
	}
	if want == string(doc) {
		return
	}
	if *update {
		if err := os.WriteFile(docPath, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("the %s table in docs/precision.md is out of date: run go test ./internal/realworld -run %s -update", set.Dir, t.Name())
}

func reportHoldout(t *testing.T, v *realworld.HoldoutVerdict) {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s\n", v.Case.Name, v.Case.Expect.Why)
	for _, j := range v.Judged {
		verdict := j.Verdict
		if verdict == "" {
			verdict = "UNREVIEWED"
		}
		fmt.Fprintf(&b, "    %-10s %s (%s: %s)\n", verdict, j.Finding, j.Source, j.Why)
	}
	for _, m := range v.Misses {
		fmt.Fprintf(&b, "    MISSED     %s\n", m)
	}
	for _, p := range v.Problems {
		fmt.Fprintf(&b, "    mismatch:  %s\n", p)
	}
	for _, s := range v.StaleReview {
		fmt.Fprintf(&b, "    stale review: %s\n", s)
	}
	for _, e := range v.EngineErrors {
		fmt.Fprintf(&b, "    engine error: %s\n", e)
	}
	for _, f := range v.Findings {
		fmt.Fprintf(&b, "    finding: %s\n", f)
	}
	t.Log(strings.TrimRight(b.String(), "\n"))
}
