package checks

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/snapshot"
)

// bigTree is a MapTree whose files named big* fail to read for size, as a
// gitx snapshot does beyond snapshot.MaxFileSize.
type bigTree struct{ snapshot.MapTree }

func (t *bigTree) ReadFile(p string) ([]byte, error) {
	if strings.HasPrefix(p, "big") {
		return nil, fmt.Errorf("read %s: %w", p, snapshot.ErrTooLarge)
	}
	return t.MapTree.ReadFile(p)
}

// TestNotChecked: a target a rule could not read for size is reported once
// as REPRO-SKIP-001 in the category of the family that skipped it, whether
// the snapshot refused the read or the family's own cap did (Pass.Skip);
// files that are not targets, ignored files and a disabled rule give none.
func TestNotChecked(t *testing.T) {
	tree := &bigTree{snapshot.MapTree{Content: map[string]string{
		"big.ipynb": "x", "big2.py": "x", "gen.py": strings.Repeat("x", 100), "ok.py": "TODO\n",
	}}}
	ownCap := &Rule{ID: "FAKE-CAP", Category: CatSeeds, Severity: Warning, Run: func(p *Pass) {
		for _, f := range p.Targets {
			if f.Size > 50 {
				p.Skip(f.Path, f.Size, 50)
			}
		}
	}}
	readAll := &Rule{ID: "FAKE-READ", Category: CatNotebooks, Severity: Warning, Run: func(p *Pass) {
		for _, f := range p.Targets {
			_, _ = p.Tree.ReadFile(f.Path)
		}
	}}
	run := func(cfg *Config, targets ...string) []Finding {
		var files []snapshot.FileInfo
		for _, p := range targets {
			fi, _ := tree.Stat(p)
			files = append(files, fi)
		}
		return Run(Options{Tree: tree, Targets: files, Config: cfg, Rules: []*Rule{ownCap, readAll, todoRule}}).Findings
	}
	var got []string
	for _, f := range run(nil, "big.ipynb", "gen.py", "ok.py") {
		got = append(got, fmt.Sprintf("%s %s %s %s", f.Rule, f.Category, f.Severity, f.String()))
	}
	want := []string{
		`REPRO-SKIP-001 notebooks info big.ipynb: "big.ipynb" was not checked by the notebooks rules: it is 1 B, over the 64.0 MiB they read [REPRO-SKIP-001]`,
		`REPRO-SKIP-001 seeds info gen.py: "gen.py" was not checked by the seeds rules: it is 100 B, over the 50 B they read [REPRO-SKIP-001]`,
		`FAKE-TODO docs warning ok.py:1:1: todo left [FAKE-TODO]`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if fs := run(nil, "ok.py"); len(fs) != 1 {
		t.Errorf("a skip of a file that is not a target was reported: %v", fs)
	}
	cfg, err := ParseConfig(ConfigFile, []byte("ignore: [gen.py]\nrules:\n  FAKE-READ: off\n  FAKE-TODO: off\n"), []Family{{Name: "fake", Rules: []*Rule{ownCap, readAll, todoRule}}})
	if err != nil {
		t.Fatal(err)
	}
	if fs := run(cfg, "big.ipynb", "gen.py"); len(fs) != 0 {
		t.Errorf("ignored or unread files reported: %v", fs)
	}
	cfg, _ = ParseConfig(ConfigFile, []byte("rules:\n  REPRO-SKIP-001: off\n"), nil)
	if fs := run(cfg, "big.ipynb", "gen.py"); len(fs) != 0 {
		t.Errorf("REPRO-SKIP-001: off still reports: %v", fs)
	}
}

// TestSymlinkTargetsOnce: a symlink whose file is a target too is not
// checked twice; staged alone, it is checked under its own name.
func TestSymlinkTargetsOnce(t *testing.T) {
	tree := &snapshot.MapTree{Content: map[string]string{"Dockerfile": "TODO\n", "docker/gpu.Dockerfile": "TODO\n"}}
	link := snapshot.FileInfo{Path: "Dockerfile", Mode: fs.ModeSymlink | 0o777, Target: "docker/gpu.Dockerfile"}
	file, _ := tree.Stat("docker/gpu.Dockerfile")
	both := Run(Options{Tree: tree, Targets: []snapshot.FileInfo{link, file}, Rules: []*Rule{todoRule}})
	if len(both.Findings) != 1 || both.Findings[0].Path != "docker/gpu.Dockerfile" || both.Files != 1 {
		t.Errorf("link and target both targets: %+v", both)
	}
	alone := Run(Options{Tree: tree, Targets: []snapshot.FileInfo{link}, Rules: []*Rule{todoRule}})
	if len(alone.Findings) != 1 || alone.Findings[0].Path != "Dockerfile" {
		t.Errorf("link alone: %+v", alone)
	}
}
