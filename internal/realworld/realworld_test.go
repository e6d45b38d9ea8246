package realworld_test

import (
	"flag"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/gitx"
	"github.com/git-repro/git-repro/internal/gittest"
	"github.com/git-repro/git-repro/internal/realworld"
	"github.com/git-repro/git-repro/internal/testenv"
	"github.com/git-repro/git-repro/rules"
	"github.com/git-repro/git-repro/snapshot"
)

var update = flag.Bool("update", false, "rewrite the generated table in docs/precision.md")

const (
	corpusDir = "../../testdata/realworld"
	docPath   = "../../docs/precision.md"
)

// TestCorpus runs every rule on every case of testdata/realworld, as
// "git repro check --all" would, and judges the findings against the case's
// expect.yaml. A case listed in testdata/realworld/KNOWN_FAILING may fail;
// listed and passing is an error too, so the list stays honest. With -v it
// prints each case's verdict and findings; with -update it rewrites the
// table in docs/precision.md, which otherwise must match the run.
func TestCorpus(t *testing.T) {
	cases, err := realworld.Load(corpusDir)
	if err != nil {
		t.Fatal(err)
	}
	known, err := realworld.ReadKnownFailing(filepath.Join(corpusDir, realworld.KnownFailingFile))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, c := range cases {
		names[c.Name] = true
	}
	for n := range known {
		if !names[n] {
			t.Errorf("%s lists %q, which is not a case", realworld.KnownFailingFile, n)
		}
	}
	var verdicts []*realworld.Verdict
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			checkRuleIDs(t, c)
			findings := runCase(t, c)
			v := realworld.Judge(c, findings)
			verdicts = append(verdicts, v)
			report(t, v, known[c.Name])
			switch {
			case v.Pass() && known[c.Name]:
				t.Errorf("case passes now: remove %q from testdata/realworld/%s", c.Name, realworld.KnownFailingFile)
			case !v.Pass() && !known[c.Name]:
				t.Errorf("case fails:\n  %s", strings.Join(v.Problems, "\n  "))
			}
		})
	}
	if t.Failed() || len(verdicts) != len(cases) {
		return // the table of a broken run would mislead
	}
	table := realworld.Table(verdicts, func(id string) bool { return rules.Lookup(id) != nil })
	t.Logf("precision on the corpus:\n%s", table)
	doc, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	want, err := realworld.ReplaceSection(string(doc), table)
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
	t.Errorf("the table in docs/precision.md is out of date: run go test ./internal/realworld -run Corpus -update")
}

// checkRuleIDs holds new-rule: to the catalogue: a case naming a rule the
// catalogue lacks must say new-rule: true, and a case saying so must name
// one.
func checkRuleIDs(t *testing.T, c *realworld.Case) {
	t.Helper()
	var unknown []string
	for _, id := range c.Expect.Rules() {
		if rules.Lookup(id) == nil {
			unknown = append(unknown, id)
		}
	}
	switch {
	case len(unknown) > 0 && !c.Expect.NewRule:
		t.Errorf("expect.yaml names rules the catalogue lacks (%s): a typo, or mark the case new-rule: true", strings.Join(unknown, ", "))
	case len(unknown) == 0 && c.Expect.NewRule:
		t.Errorf("expect.yaml says new-rule: true but every rule it names exists now: drop new-rule")
	}
}

func report(t *testing.T, v *realworld.Verdict, knownFailing bool) {
	t.Helper()
	var b strings.Builder
	e := &v.Case.Expect
	state := "PASS"
	if !v.Pass() {
		state = "FAIL"
		if knownFailing {
			state = "FAIL (known)"
		}
	}
	fmt.Fprintf(&b, "%s %s [%s, %s] %s\n", state, v.Case.Name, e.Category, e.Kind, e.Why)
	for _, p := range v.Problems {
		fmt.Fprintf(&b, "    problem: %s\n", p)
	}
	for _, f := range v.Findings {
		fmt.Fprintf(&b, "    finding: %s\n", f)
	}
	t.Log(strings.TrimRight(b.String(), "\n"))
}

// runCase checks the case's repository with every rule and the case's own
// .repro.yaml, if it has one; an engine error fails the test.
func runCase(t *testing.T, c *realworld.Case) []realworld.Finding {
	t.Helper()
	out, errs := checkCase(t, c)
	for _, err := range errs {
		t.Errorf("engine error: %v", err)
	}
	return out
}

// checkCase is runCase that returns the engine's errors instead.
func checkCase(t *testing.T, c *realworld.Case) ([]realworld.Finding, []error) {
	t.Helper()
	var tree snapshot.Tree
	if c.Expect.Git {
		gittest.Hermetic(t)
		r := gittest.New(t)
		materialize(t, c, r.Dir)
		if c.Expect.LFS {
			testenv.Tool(t, "git-lfs")
			r.Git("lfs", "install", "--local")
		}
		r.Git("add", "-A")
		r.Git("commit", "-q", "-m", "case "+c.Name)
		repo, err := gitx.Open(r.Dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { repo.Close() })
		tree = repo.Worktree()
	} else {
		dir := t.TempDir()
		materialize(t, c, dir)
		tree = gitx.Dir(dir)
	}
	files, err := tree.Files()
	if err != nil {
		t.Fatal(err)
	}
	cfg := checks.DefaultConfig()
	if b, err := tree.ReadFile(checks.ConfigFile); err == nil {
		if cfg, err = checks.ParseConfig(checks.ConfigFile, b, rules.Families()); err != nil {
			t.Fatal(err)
		}
	}
	res := checks.Run(checks.Options{Tree: tree, Targets: files, Full: true, Config: cfg, Rules: rules.All()})
	out := make([]realworld.Finding, 0, len(res.Findings))
	for _, f := range res.Findings {
		out = append(out, realworld.Finding{
			Rule: f.Rule, Category: f.Category, Severity: f.Severity.String(),
			Path: f.Path, Line: f.Line, Message: f.Message, Hint: f.Hint,
		})
	}
	return out, res.Errors
}

// materialize writes the case's repository into dst: its files under their
// real names (see realworld.CasePath), then the generated files.
func materialize(t *testing.T, c *realworld.Case, dst string) {
	t.Helper()
	err := filepath.WalkDir(c.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(c.Dir, p)
		if err != nil {
			return err
		}
		if d.Name() == ".gitattributes" || d.Name() == ".gitignore" {
			return fmt.Errorf("%s: name it %q, or git applies it to this repository", p, "_"+d.Name()[1:])
		}
		name := realworld.CasePath(rel)
		if name == "" {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return write(dst, name, b)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range c.Expect.Generate {
		if err := write(dst, g.Path, generate(g)); err != nil {
			t.Fatal(err)
		}
	}
}

func write(root, rel string, b []byte) error {
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, b, 0o644)
}

// generate makes a generated file's content, the same on every run.
func generate(g realworld.Generated) []byte {
	out := make([]byte, 0, g.Size)
	if g.Text {
		for i := 0; int64(len(out)) < g.Size; i++ {
			out = fmt.Appendf(out, "token_%d\n", i)
		}
		return out[:g.Size]
	}
	h := fnv.New64a()
	h.Write([]byte(g.Path))
	var seed [32]byte
	copy(seed[:], h.Sum(nil))
	r := rand.NewChaCha8(seed)
	out = out[:g.Size]
	r.Read(out)
	return out
}

// TestHarnessCanFail runs the real engine on a corpus case under a wrong
// expect.yaml and requires the verdict to fail, so a harness that passes
// everything cannot go unnoticed.
func TestHarnessCanFail(t *testing.T) {
	src := filepath.Join(corpusDir, "seeds-unseeded-train")
	for _, tt := range []struct {
		expect string
		pass   bool
	}{
		{"why: right\ncategory: seeds\nkind: true-positive\nmust:\n  - {rule: REPRO-SEED-001, path: train.py}\n", true},
		{"why: wrong\ncategory: seeds\nkind: false-positive\nmust-not:\n  - {rule: REPRO-SEED-001}\n", false},
		{"why: wrong\ncategory: seeds\nkind: clean\n", false},
		{"why: wrong\ncategory: seeds\nkind: true-positive\nmust:\n  - {rule: REPRO-SEED-001, path: train.py, line: 1}\n", false},
	} {
		e, err := realworld.ParseExpect([]byte(tt.expect))
		if err != nil {
			t.Fatal(err)
		}
		c := &realworld.Case{Name: "probe", Dir: src, Expect: *e}
		if v := realworld.Judge(c, runCase(t, c)); v.Pass() != tt.pass {
			t.Errorf("%q: pass = %v (problems %q), want %v", tt.expect, v.Pass(), v.Problems, tt.pass)
		}
	}
}
