package largefiles

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/internal/gittest"
	"github.com/git-repro/git-repro/internal/rulestest"
	"github.com/git-repro/git-repro/internal/testenv"
	"github.com/git-repro/git-repro/snapshot"
)

// The hint of REPRO-LARGE-003 fixes the index with the real git and
// git-lfs, also when the staged raw blob differs from both HEAD (a pointer)
// and the cleaned worktree file, where "git rm --cached" refuses.
func TestLFSRawHintWorks(t *testing.T) {
	r := lfsRepo(t)
	r.Write(".gitattributes", "*.bin filter=lfs diff=lfs merge=lfs -text\n")
	r.Write("model.bin", "first version of the weights")
	r.Git("add", ".gitattributes", "model.bin")
	r.Git("commit", "-q", "-m", "lfs")
	r.Write("model.bin", "second version of the weights, added without the filter")
	r.Git("-c", "filter.lfs.clean=cat", "-c", "filter.lfs.process=", "-c", "filter.lfs.required=false", "add", "model.bin")
	if raw := r.Git("cat-file", "-p", ":model.bin"); strings.HasPrefix(raw, "version https://git-lfs") {
		t.Fatal("setup: the blob was staged as a pointer")
	}

	tree := &snapshot.MapTree{Content: map[string]string{"model.bin": "second version of the weights, added without the filter"},
		Attrs: map[string]map[string]string{"model.bin": {"filter": "lfs"}}}
	applyHint(t, r, tree, "REPRO-LARGE-003", "model.bin")
}

// The hint of REPRO-LARGE-001 moves a large file that was just staged (the
// pre-commit case: not in HEAD yet) into LFS with the real git and git-lfs.
func TestLargeBlobHintWorks(t *testing.T) {
	r := lfsRepo(t)
	r.Git("commit", "-q", "--allow-empty", "-m", "init")
	big := strings.Repeat("weights ", 1<<20) // 8 MiB
	r.Write("models/model.pt", big)
	r.Git("add", "models/model.pt")

	tree := &snapshot.MapTree{Content: map[string]string{"models/model.pt": big}}
	applyHint(t, r, tree, "REPRO-LARGE-001", "models/model.pt")
}

// applyHint runs, in the repository, the command of the hint that rule
// gives for tree (up to its "  (or: ...)" alternative), as a user would,
// and checks that the index then holds an LFS pointer for path.
func applyHint(t *testing.T, r *gittest.Repo, tree snapshot.Tree, rule, path string) {
	t.Helper()
	var hint string
	for _, f := range rulestest.Run(t, rules, tree, nil) {
		if f.Rule == rule {
			hint = f.Hint
		}
	}
	cmdline, _, _ := strings.Cut(hint, "  (")
	if cmdline == "" {
		t.Fatalf("no %s hint", rule)
	}
	shell(t, r, cmdline)
	if got := r.Git("cat-file", "-p", ":"+path); !strings.HasPrefix(got, "version https://git-lfs.github.com/spec/v1") {
		t.Fatalf("after %q the index holds %.40q, not an LFS pointer", cmdline, got)
	}
}

// lfsRepo is a hermetic repository with the real git-lfs installed in it;
// under CI a missing git-lfs fails the test.
func lfsRepo(t *testing.T) *gittest.Repo {
	t.Helper()
	testenv.Tool(t, "git-lfs")
	r := gittest.New(t)
	r.Git("lfs", "install", "--local")
	return r
}

// shell runs a hint's command line in the repository, as a user would.
func shell(t *testing.T, r *gittest.Repo, cmdline string) {
	t.Helper()
	cmd := exec.Command("sh", "-c", cmdline)
	cmd.Dir, cmd.Env = r.Dir, gittest.Env(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", cmdline, err, out)
	}
}
