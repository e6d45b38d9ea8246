package rulestest

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/gitx"
	"github.com/git-repro/git-repro/snapshot"
)

// Update is the -update flag of every test binary that imports rulestest:
// golden files and doc examples are rewritten instead of compared.
var Update = flag.Bool("update", false, "rewrite golden .out files and doc examples")

// Golden runs every case directory testdata/{bad,ok}/<case>/ of the
// calling package with the family's rules over the whole case (a mini
// repository), and compares the findings with testdata/bad/<case>.out. A
// case's own .repro.yaml, if any, configures the family. ok/ cases must
// be clean.
func Golden(t *testing.T, fam checks.Family) {
	t.Helper()
	n := 0
	for _, kind := range []string{"bad", "ok"} {
		dir := filepath.Join("testdata", kind)
		entries, err := os.ReadDir(dir)
		if err != nil {
			continue
		}
		for _, e := range entries {
			if !e.IsDir() {
				continue
			}
			n++
			caseDir := filepath.Join(dir, e.Name())
			t.Run(kind+"/"+e.Name(), func(t *testing.T) {
				got := RunCase(t, caseDir, []checks.Family{fam})
				if kind == "ok" {
					if got != "" {
						t.Errorf("ok case has findings:\n%s", got)
					}
					return
				}
				if got == "" {
					t.Errorf("bad case has no findings")
				}
				golden := caseDir + ".out"
				if *Update {
					if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run: go test -run Golden -update)", err)
				}
				if got != string(want) {
					t.Errorf("findings differ from %s\n--- got:\n%s--- want:\n%s", golden, got, want)
				}
			})
		}
	}
	if n == 0 {
		t.Fatalf("family %s has no golden cases in testdata/bad or testdata/ok", fam.Name)
	}
}

// RunCase checks a case directory with the rules of the given families,
// which also read the case's .repro.yaml, and returns one line per finding
// (Lines).
//
// A case stores its .gitattributes and .gitignore as _gitattributes and
// _gitignore: under their real names git would apply them to this
// repository itself (a case's "*.bin filter=lfs" would make our own
// checkout try to download its fake LFS objects, and a case's ".env"
// ignore rule would keep its .env fixture out of our commits). RunCase
// checks a copy with the real names.
func RunCase(t testing.TB, caseDir string, fams []checks.Family) string {
	t.Helper()
	tree := gitx.Dir(CopyCase(t, caseDir))
	files, err := tree.Files()
	if err != nil {
		t.Fatal(err)
	}
	cfg := checks.DefaultConfig()
	if b, err := os.ReadFile(filepath.Join(caseDir, checks.ConfigFile)); err == nil {
		if cfg, err = checks.ParseConfig(checks.ConfigFile, b, fams); err != nil {
			t.Fatal(err)
		}
	}
	var rs []*checks.Rule
	for _, f := range fams {
		rs = append(rs, f.Rules...)
	}
	res := checks.Run(checks.Options{Tree: tree, Targets: files, Full: true, Config: cfg, Rules: rs})
	for _, err := range res.Errors {
		t.Errorf("engine error: %v", err)
	}
	return Lines(res.Findings)
}

// Lines formats findings as the golden files and the doc pages show them:
// "path:line:col: severity: message [RULE]", one a line.
func Lines(fs []checks.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "%s:%d:%d: %s: %s [%s]\n", f.Path, f.Line, f.Column, f.Severity, f.Message, f.Rule)
	}
	return b.String()
}

// Run runs rules over every file of tree (Full) with cfg (nil: defaults)
// and fails the test on an engine error.
func Run(t testing.TB, rs []*checks.Rule, tree snapshot.Tree, cfg *checks.Config) []checks.Finding {
	t.Helper()
	files, err := tree.Files()
	if err != nil {
		t.Fatal(err)
	}
	res := checks.Run(checks.Options{Tree: tree, Targets: files, Full: true, Rules: rs, Config: cfg})
	for _, err := range res.Errors {
		t.Fatal(err)
	}
	return res.Findings
}

// Dir is a snapshot of a plain directory, with .gitattributes and
// .gitignore read as git reads them.
func Dir(dir string) snapshot.Tree { return gitx.Dir(dir) }

// caseNames maps fixture names to the names the case is checked under.
var caseNames = map[string]string{"_gitattributes": ".gitattributes", "_gitignore": ".gitignore"}

// CopyCase copies a case directory to a temporary one, restoring the real
// names of _gitattributes and _gitignore (see RunCase), and returns it.
func CopyCase(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if n, ok := caseNames[d.Name()]; ok && !d.IsDir() {
			rel = filepath.Join(filepath.Dir(rel), n)
		} else if (d.Name() == ".gitattributes" || d.Name() == ".gitignore") && !filepath.IsAbs(src) {
			// A fixture committed in this repository under its real name.
			return fmt.Errorf("%s: name it %q (see RunCase)", p, "_"+d.Name()[1:])
		}
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// open opens the git repository at dir for the rest of the test.
func open(t testing.TB, dir string) *gitx.Repo {
	t.Helper()
	repo, err := gitx.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { repo.Close() })
	return repo
}

// Staged returns the index of the git repository at dir (what a pre-commit
// hook checks) and the files staged in it.
func Staged(t testing.TB, dir string) (snapshot.Tree, []snapshot.FileInfo) {
	t.Helper()
	repo := open(t, dir)
	idx := repo.Index()
	staged, err := repo.Staged(idx)
	if err != nil {
		t.Fatal(err)
	}
	return idx, staged
}

// Index returns the index of the git repository at dir.
func Index(t testing.TB, dir string) snapshot.Tree {
	t.Helper()
	return open(t, dir).Index()
}

// Worktree returns the worktree of the git repository at dir.
func Worktree(t testing.TB, dir string) snapshot.Tree {
	t.Helper()
	return open(t, dir).Worktree()
}
