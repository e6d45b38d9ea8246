package realworld

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func mustExpect(t *testing.T, y string) *Case {
	t.Helper()
	e, err := ParseExpect([]byte(y))
	if err != nil {
		t.Fatal(err)
	}
	return &Case{Name: "c", Expect: *e}
}

var (
	seed001 = Finding{Rule: "REPRO-SEED-001", Category: "seeds", Severity: "warning", Path: "train.py", Line: 9, Message: `torch's RNG is used by "nn.Linear"`, Hint: "call torch.manual_seed"}
	seed005 = Finding{Rule: "REPRO-SEED-005", Category: "seeds", Severity: "info", Path: "train.py", Line: 3, Message: "cuda"}
	docs001 = Finding{Rule: "REPRO-DOCS-001", Category: "docs", Severity: "warning", Path: "README.md"}
	dep001  = Finding{Rule: "REPRO-DEP-001", Category: "deps", Severity: "error", Path: "requirements.txt", Line: 2, Message: `"torch" is not pinned`}
)

func TestJudge(t *testing.T) {
	tests := []struct {
		name     string
		expect   string
		findings []Finding
		problems []string // substrings, one per problem, in order
		correct  int
		wrong    int
	}{
		{
			name:     "must found, out-of-scope and info findings ignored",
			expect:   "why: x\ncategory: seeds\nkind: true-positive\nmust:\n  - {rule: REPRO-SEED-001, path: train.py, line: 9}\n",
			findings: []Finding{seed001, seed005, docs001},
			correct:  1,
		},
		{
			name:     "must missed",
			expect:   "why: x\ncategory: seeds\nkind: missed\nmust:\n  - {rule: REPRO-SEED-003, path: train.py}\n",
			findings: []Finding{docs001},
			problems: []string{"missed: REPRO-SEED-003 at train.py"},
		},
		{
			name:     "must-not fires, even on an info finding and out of scope",
			expect:   "why: x\ncategory: docs\nkind: false-positive\nmust-not:\n  - {rule: REPRO-SEED-005}\n",
			findings: []Finding{seed005},
			problems: []string{"false alarm: train.py:3: info"},
		},
		{
			name:     "must-not on a warning counts as wrong",
			expect:   "why: x\ncategory: seeds\nkind: false-positive\nmust-not:\n  - {rule: REPRO-SEED-001, path: train.py}\n",
			findings: []Finding{seed001},
			problems: []string{"false alarm"},
			wrong:    1,
		},
		{
			name:     "unexpected warning in scope",
			expect:   "why: x\ncategory: seeds\nkind: clean\n",
			findings: []Finding{seed001, docs001},
			problems: []string{"unexpected finding: train.py:9"},
			wrong:    1,
		},
		{
			name:     "scope all judges every category",
			expect:   "why: x\ncategory: seeds\nkind: clean\nscope: [all]\n",
			findings: []Finding{docs001},
			problems: []string{"unexpected finding: README.md:0"},
			wrong:    1,
		},
		{
			name:     "may accepts without requiring",
			expect:   "why: x\ncategory: deps\nkind: clean\nmay:\n  - {rule: REPRO-DEP-001}\n",
			findings: []Finding{dep001},
			correct:  1,
		},
		{
			name:     "wrong text is a problem but a correct finding",
			expect:   "why: x\ncategory: seeds\nkind: true-positive\nmust:\n  - {rule: REPRO-SEED-001, path: train.py, line: 9, not-hint: manual_seed}\n",
			findings: []Finding{seed001},
			problems: []string{"wrong text: train.py:9"},
			correct:  1,
		},
		{
			name:     "message must match",
			expect:   "why: x\ncategory: seeds\nkind: true-positive\nmust:\n  - {rule: REPRO-SEED-001, message: Linear}\n",
			findings: []Finding{seed001},
			correct:  1,
		},
		{
			name:     "count",
			expect:   "why: x\ncategory: seeds\nkind: true-positive\nmust:\n  - {rule: REPRO-SEED-001, count: 1}\n",
			findings: []Finding{seed001, seed001},
			problems: []string{"want 1 findings, got 2"},
			correct:  2,
		},
		{
			name:     "line 0 is a whole-file finding, not any line",
			expect:   "why: x\ncategory: docs\nkind: true-positive\nmust:\n  - {rule: REPRO-DOCS-001, path: README.md, line: 0}\n  - {rule: REPRO-SEED-001, line: 0}\n",
			findings: []Finding{docs001, seed001},
			problems: []string{"missed: REPRO-SEED-001"},
			correct:  1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := mustExpect(t, tt.expect)
			v := Judge(c, tt.findings)
			if len(v.Problems) != len(tt.problems) {
				t.Fatalf("problems = %q, want %d matching %q", v.Problems, len(tt.problems), tt.problems)
			}
			for i, p := range tt.problems {
				if !strings.Contains(v.Problems[i], p) {
					t.Errorf("problem %d = %q, want it to contain %q", i, v.Problems[i], p)
				}
			}
			if v.Pass() != (len(tt.problems) == 0) {
				t.Errorf("Pass() = %v with problems %q", v.Pass(), v.Problems)
			}
			var correct, wrong int
			for _, n := range v.Correct {
				correct += n
			}
			for _, n := range v.Wrong {
				wrong += n
			}
			if correct != tt.correct || wrong != tt.wrong {
				t.Errorf("correct, wrong = %d, %d; want %d, %d", correct, wrong, tt.correct, tt.wrong)
			}
		})
	}
}

func TestParseExpectErrors(t *testing.T) {
	for _, y := range []string{
		"category: seeds\nkind: clean\n",                                // no why
		"why: x\ncategory: seed\nkind: clean\n",                         // unknown category
		"why: x\ncategory: seeds\nkind: weird\n",                        // unknown kind
		"why: x\ncategory: seeds\nkind: missed\n",                       // missed without must
		"why: x\ncategory: seeds\nkind: false-positive\n",               // false positive without must-not
		"why: x\ncategory: seeds\nkind: clean\nmust: [{rule: A}]\n",     // clean with must
		"why: x\ncategory: seeds\nkind: clean\nscope: [docker, nope]\n", // bad scope
		"why: x\ncategory: seeds\nkind: clean\nunknown: 1\n",            // unknown key
		"why: x\ncategory: seeds\nkind: true-positive\nmust: [{path: a}]\n",
		"why: x\ncategory: seeds\nkind: true-positive\nmust: [{rule: A, message: '('}]\n",
		"why: x\ncategory: seeds\nkind: clean\ngenerate: [{path: ../x, size: 3}]\n",
		"why: x\ncategory: seeds\nkind: clean\ngenerate: [{path: x, size: 0}]\n",
	} {
		if _, err := ParseExpect([]byte(y)); err == nil {
			t.Errorf("ParseExpect(%q) succeeded, want an error", y)
		}
	}
	e, err := ParseExpect([]byte("why: x\ncategory: large-files\nkind: clean\nlfs: true\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !e.Git || len(e.Scope) != 1 || e.Scope[0] != "large-files" {
		t.Errorf("defaults: git %v scope %v; want lfs to imply git and the scope to default to the category", e.Git, e.Scope)
	}
}

func TestRowsAndTable(t *testing.T) {
	pass := mustExpect(t, "why: x\ncategory: seeds\nkind: false-positive\nmust-not:\n  - {rule: REPRO-SEED-001}\n  - {rule: REPRO-NEW-999}\n")
	pass.Name = "ok-case"
	fail := mustExpect(t, "why: x\ncategory: seeds\nkind: missed\nnew-rule: true\nmust:\n  - {rule: REPRO-NEW-999}\n")
	fail.Name = "bad-case"
	vs := []*Verdict{Judge(pass, nil), Judge(fail, []Finding{seed001})}
	known := func(id string) bool { return id != "REPRO-NEW-999" }
	rows := Rows(vs, known)
	seeds, total := rows[1], rows[len(rows)-1]
	if seeds.Family != "seeds" || seeds.Cases != 2 || seeds.Passing != 1 || seeds.NewRule != 1 ||
		seeds.Must != 1 || seeds.MustHit != 0 || seeds.MustNot != 1 || seeds.MustNotKept != 1 || seeds.Guards != 1 ||
		seeds.Wrong != 1 || seeds.Correct != 0 {
		t.Errorf("seeds row = %+v", seeds)
	}
	if total.Cases != 2 || total.Wrong != 1 || total.Precision() != 0 {
		t.Errorf("total row = %+v", total)
	}
	if rows[0].Precision() != -1 {
		t.Errorf("a family without judged findings has precision %v, want -1", rows[0].Precision())
	}
	table := Table(vs, known)
	for _, want := range []string{"| `seeds` | 2 | 1 | 1 | 0 / 1 | 1 / 1 | 1 | 0 / 1 | 0% |", "Failing today (1 of 2 cases)", "| `bad-case` | seeds | missed, new rule | unexpected finding"} {
		if !strings.Contains(table, want) {
			t.Errorf("table lacks %q:\n%s", want, table)
		}
	}
}

func TestReplaceSection(t *testing.T) {
	doc := "intro\n" + BeginMarker + "\nold\n" + EndMarker + "\noutro\n"
	got, err := ReplaceSection(doc, "new\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := "intro\n" + BeginMarker + "\nnew\n" + EndMarker + "\noutro\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := ReplaceSection("no markers", "x"); err == nil {
		t.Error("a document without markers was accepted")
	}
	if _, err := ReplaceSection(EndMarker+BeginMarker, "x"); err == nil {
		t.Error("markers out of order were accepted")
	}
}

func TestCasePath(t *testing.T) {
	for in, want := range map[string]string{
		"expect.yaml":        "",
		"sub/expect.yaml":    "sub/expect.yaml",
		"_gitattributes":     ".gitattributes",
		"a/_gitignore":       "a/.gitignore",
		"train.py":           "train.py",
		".github/ci.yml":     ".github/ci.yml",
		"_gitattributes.bak": "_gitattributes.bak",
	} {
		if got := CasePath(in); got != want {
			t.Errorf("CasePath(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestReadKnownFailing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, KnownFailingFile)
	if err := os.WriteFile(p, []byte("# header\n\na-case  # why\nb-case\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadKnownFailing(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !got["a-case"] || !got["b-case"] {
		t.Errorf("got %v", got)
	}
	if err := os.WriteFile(p, []byte("a\na\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadKnownFailing(p); err == nil {
		t.Error("a case listed twice was accepted")
	}
	if got, err := ReadKnownFailing(filepath.Join(dir, "missing")); err != nil || len(got) != 0 {
		t.Errorf("a missing list: %v, %v; want empty", got, err)
	}
}

func TestReviewHoldout(t *testing.T) {
	c := mustExpect(t, `why: x
category: deps
kind: true-positive
scope: [all]
must:
  - {rule: REPRO-DEP-001, path: requirements.txt, line: 2, message: torch, why: torch loose}
  - {rule: REPRO-SEED-003, path: train.py, why: clock seed}
must-not:
  - {rule: REPRO-DOCS-001, why: there is a README}
may:
  - {rule: REPRO-DEP-001, path: requirements.txt, message: numpy, why: test tool}
review:
  - {rule: REPRO-SEED-001, path: train.py, verdict: wrong, why: weights are loaded}
  - {rule: REPRO-CI-002, verdict: correct, why: stale}
  - {rule: REPRO-DEP-001, path: requirements.txt, message: pandas, verdict: debatable, why: another problem at the must's place}
`)
	c.Name = "case"
	numpy := dep001
	numpy.Message = `"numpy" is not pinned`
	pandas, scipy := dep001, dep001
	pandas.Message = `"pandas" is not pinned`
	scipy.Message = `"scipy" is not pinned`
	v := ReviewHoldout(c, []Finding{dep001, numpy, pandas, scipy, docs001, seed001, seed005})
	want := map[string]string{ // by message
		dep001.Message:  VerdictCorrect,
		numpy.Message:   VerdictDebatable, // the may's text wins over the must's place
		pandas.Message:  VerdictDebatable, // a review entry wins over the must's place
		scipy.Message:   VerdictCorrect,   // at the must's place, another text
		docs001.Message: VerdictWrong,
		seed001.Message: VerdictWrong,
	}
	if len(v.Judged) != len(want) {
		t.Fatalf("judged %d findings, want %d (info findings are not judged): %+v", len(v.Judged), len(want), v.Judged)
	}
	for _, j := range v.Judged {
		if j.Verdict != want[j.Finding.Message] {
			t.Errorf("%s: verdict %q, want %q", j.Finding, j.Verdict, want[j.Finding.Message])
		}
	}
	if len(v.Misses) != 1 || v.Misses[0].Rule != "REPRO-SEED-003" {
		t.Errorf("misses = %v, want the SEED-003 entry", v.Misses)
	}
	if len(v.StaleReview) != 1 || !strings.Contains(v.StaleReview[0], "REPRO-CI-002") {
		t.Errorf("stale review = %q", v.StaleReview)
	}
	cat := func(id string) string {
		return map[string]string{"REPRO-DEP-001": "deps", "REPRO-SEED-003": "seeds", "REPRO-DOCS-001": "docs", "REPRO-SEED-001": "seeds"}[id]
	}
	rows := HoldoutRows([]*HoldoutVerdict{v}, cat)
	deps, seeds, all := rows[0], rows[1], rows[len(rows)-1]
	if deps.Findings != 4 || deps.Correct != 2 || deps.Debatable != 2 || deps.Must != 1 || deps.Missed != 0 {
		t.Errorf("deps row = %+v", deps)
	}
	if seeds.Wrong != 1 || seeds.Must != 1 || seeds.Missed != 1 || seeds.Precision() != 0 {
		t.Errorf("seeds row = %+v", seeds)
	}
	if all.Findings != 6 || all.Correct != 2 || all.Wrong != 2 || all.Share() != 2.0/6 {
		t.Errorf("total row = %+v", all)
	}
	table := HoldoutTable([]*HoldoutVerdict{v}, cat, "%d unseen repositories")
	for _, s := range []string{
		"| **all** | 6 | 2 | 2 | 2 | 0 | 50% | 33% | 1 / 2 | 1 |",
		"On 1 unseen repositories git-repro reported 6 error and warning findings",
		"False alarms, by rule (2):",
		"- `case` REPRO-DOCS-001 `README.md:0`: there is a README",
		"- `case` REPRO-SEED-003 `train.py`: clock seed",
		"review entry that decides no finding",
	} {
		if !strings.Contains(table, s) {
			t.Errorf("table lacks %q:\n%s", s, table)
		}
	}
}

func TestParseExpectReview(t *testing.T) {
	for _, y := range []string{
		"why: x\ncategory: seeds\nkind: clean\nreview: [{rule: A, verdict: fine, why: y}]\n",
		"why: x\ncategory: seeds\nkind: clean\nreview: [{rule: A, verdict: wrong}]\n",
		"why: x\ncategory: seeds\nkind: clean\nreview: [{verdict: wrong, why: y}]\n",
	} {
		if _, err := ParseExpect([]byte(y)); err == nil {
			t.Errorf("ParseExpect(%q) succeeded, want an error", y)
		}
	}
}
