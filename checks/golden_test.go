package checks_test

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
)

var update = flag.Bool("update", false, "rewrite golden .out files")

// TestGolden runs every case directory testdata/<family>/{bad,ok}/<case>/
// with that family's rules over the whole case (a mini repository), and
// compares the findings with testdata/<family>/bad/<case>.out. A case's own
// .repro.yaml, if any, is its configuration. ok/ cases must be clean.
func TestGolden(t *testing.T) {
	for _, fam := range checks.Families() {
		for _, kind := range []string{"bad", "ok"} {
			dir := filepath.Join("testdata", fam.Name, kind)
			entries, err := os.ReadDir(dir)
			if err != nil {
				continue
			}
			for _, e := range entries {
				if !e.IsDir() {
					continue
				}
				caseDir := filepath.Join(dir, e.Name())
				t.Run(fam.Name+"/"+kind+"/"+e.Name(), func(t *testing.T) {
					got := RunCase(t, caseDir, fam.Rules)
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
					if *update {
						if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
							t.Fatal(err)
						}
						return
					}
					want, err := os.ReadFile(golden)
					if err != nil {
						t.Fatalf("%v (run: go test ./checks -run Golden -update)", err)
					}
					if got != string(want) {
						t.Errorf("findings differ from %s\n--- got:\n%s--- want:\n%s", golden, got, want)
					}
				})
			}
		}
	}
}

// RunCase checks a case directory with the given rules and returns one
// line per finding: "path:line:col: severity: message [RULE]".
//
// A case stores its .gitattributes and .gitignore as _gitattributes and
// _gitignore: under their real names git would apply them to this
// repository itself (a case's "*.bin filter=lfs" would make our own
// checkout try to download its fake LFS objects, and a case's ".env"
// ignore rule would keep its .env fixture out of our commits). RunCase
// checks a copy with the real names.
func RunCase(t testing.TB, caseDir string, rules []*checks.Rule) string {
	t.Helper()
	tree := gitx.Dir(copyCase(t, caseDir))
	files, err := tree.Files()
	if err != nil {
		t.Fatal(err)
	}
	cfg := checks.DefaultConfig()
	if b, err := os.ReadFile(filepath.Join(caseDir, checks.ConfigFile)); err == nil {
		if cfg, err = checks.ParseConfig(checks.ConfigFile, b, checks.Families()); err != nil {
			t.Fatal(err)
		}
	}
	res := checks.Run(checks.Options{Tree: tree, Targets: files, Full: true, Config: cfg, Rules: rules})
	for _, err := range res.Errors {
		t.Errorf("engine error: %v", err)
	}
	var b strings.Builder
	for _, f := range res.Findings {
		fmt.Fprintf(&b, "%s:%d:%d: %s: %s [%s]\n", f.Path, f.Line, f.Column, f.Severity, f.Message, f.Rule)
	}
	return b.String()
}

// caseNames maps fixture names to the names the case is checked under.
var caseNames = map[string]string{"_gitattributes": ".gitattributes", "_gitignore": ".gitignore"}

func copyCase(t testing.TB, src string) string {
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
