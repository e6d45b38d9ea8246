package gitx_test

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/gitx"
	"github.com/git-repro/git-repro/internal/gittest"
)

// TestResolveUsesGitSemantics: revisions resolve exactly as git reads
// them, to a commit, or fail naming the revision; go-git used to resolve
// HEAD@{1} to HEAD, a missing feature@{1} to feature, and to accept
// HEAD:README.md and HEAD^{tree}.
func TestResolveUsesGitSemantics(t *testing.T) {
	gittest.Hermetic(t)
	r := gittest.New(t)
	first := r.Commit("one", map[string]string{"README.md": "1\n"})
	second := r.Commit("two", map[string]string{"README.md": "2\n"})
	r.Git("branch", "feature")
	r.Git("tag", "-a", "-m", "v1", "v1", first)
	repo, err := gitx.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	for rev, want := range map[string]string{
		"HEAD": second, "main": second, "HEAD@{1}": first, "HEAD~1": first, "v1": first, // an annotated tag peels to its commit
		first[:10]: first, "feature": second, "main@{0}": second,
	} {
		if got, err := repo.Resolve(rev); err != nil || got != want {
			t.Errorf("Resolve(%q) = %s, %v; want %s", rev, got, err, want)
		}
	}
	for _, bad := range []string{"", "HEAD@{2}", "feature@{1}", "HEAD:README.md", "HEAD^{tree}", "--all", "-h", "no-such", "main..feature"} {
		got, err := repo.Resolve(bad)
		if !errors.Is(err, gitx.ErrBadRevision) || !strings.Contains(err.Error(), "unknown revision \""+bad+"\"") {
			t.Errorf("Resolve(%q) = %s, %v; want an error naming it", bad, got, err)
		}
		if _, err := repo.Commit(bad); !errors.Is(err, gitx.ErrBadRevision) {
			t.Errorf("Commit(%q): %v", bad, err)
		}
	}
	if _, _, err := repo.ChangedSince(repo.Worktree(), "HEAD:README.md", ""); !errors.Is(err, gitx.ErrBadRevision) {
		t.Errorf("ChangedSince with a tree-ish base: %v", err)
	}
}

// TestMergeBaseShallow: in a shallow clone without the merge base, the
// error says the history is too shallow and how to deepen it, not
// "object not found"; without common history it says that.
func TestMergeBaseShallow(t *testing.T) {
	gittest.Hermetic(t)
	origin := gittest.New(t)
	origin.Commit("root", map[string]string{"a.txt": "a\n"})
	origin.Git("checkout", "-q", "-b", "feature")
	origin.Commit("f1", map[string]string{"b.txt": "b\n"})
	origin.Commit("f2", map[string]string{"b.txt": "bb\n"})
	origin.Git("checkout", "-q", "main")
	origin.Commit("m1", map[string]string{"a.txt": "aa\n"})
	clone := &gittest.Repo{T: t, Dir: filepath.Join(t.TempDir(), "clone")}
	origin.Git("clone", "-q", "--depth=1", "--no-single-branch", "file://"+origin.Dir, clone.Dir)
	clone.Git("checkout", "-q", "feature")

	repo, err := gitx.Open(clone.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	_, err = repo.MergeBase("origin/main", "HEAD")
	if !errors.Is(err, gitx.ErrShallow) || !strings.Contains(err.Error(), "history too shallow: run git fetch --deepen=N (or fetch-depth: 0 in actions/checkout)") {
		t.Fatalf("MergeBase in a shallow clone: %v", err)
	}
	if _, _, err := repo.ChangedSince(repo.Worktree(), "origin/main", ""); !errors.Is(err, gitx.ErrShallow) {
		t.Errorf("ChangedSince in a shallow clone: %v", err)
	}
	// Deepening as the message says fixes it.
	clone.Git("fetch", "-q", "--deepen=2", "origin")
	if mb, err := repo.MergeBase("origin/main", "HEAD"); err != nil || mb != origin.Git("rev-parse", "main~1") {
		t.Errorf("after deepening: %s, %v", mb, err)
	}

	// Unrelated histories are no shallow clone's fault.
	origin.Git("checkout", "-q", "--orphan", "other")
	origin.Commit("unrelated", map[string]string{"c.txt": "c\n"})
	repo2, err := gitx.Open(origin.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo2.Close()
	if _, err := repo2.MergeBase("main", "other"); err == nil || errors.Is(err, gitx.ErrShallow) || !strings.Contains(err.Error(), "no common history") {
		t.Errorf("unrelated histories: %v", err)
	}
}

func TestResolveUnbornHead(t *testing.T) {
	gittest.Hermetic(t)
	r := gittest.New(t)
	repo, err := gitx.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	if _, err := repo.Resolve("HEAD"); !errors.Is(err, gitx.ErrBadRevision) || !strings.Contains(err.Error(), "the current branch has no commit yet") {
		t.Errorf("Resolve(HEAD) on an unborn branch: %v", err)
	}
}
