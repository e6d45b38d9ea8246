package gc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/chunked"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

func pointer(c []byte) string {
	return fmt.Sprintf("version https://git-lfs.github.com/spec/v1\noid sha256:%s\nsize %d\n", storetest.Object(c), len(c))
}

type repo struct {
	t   *testing.T
	dir string
}

func newRepo(t *testing.T) *repo {
	dir := t.TempDir()
	r := &repo{t, dir}
	r.git("init", "-q", "-b", "main")
	return r
}

func (r *repo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	cmd.Env = append(gitEnv(),
		"GIT_CONFIG_NOSYSTEM=1", "HOME="+r.dir,
		"GIT_AUTHOR_NAME=T", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=T", "GIT_COMMITTER_EMAIL=t@example.com",
		"GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z")
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// commitPointer commits a pointer for c at path.
func (r *repo) commitPointer(path string, c []byte) {
	r.t.Helper()
	if err := os.WriteFile(filepath.Join(r.dir, path), []byte(pointer(c)), 0o644); err != nil {
		r.t.Fatal(err)
	}
	r.git("add", path)
	r.git("commit", "-q", "-m", "add "+path)
}

func TestPointersAllRefsAndHistory(t *testing.T) {
	r := newRepo(t)
	a, b, c, d := []byte("a-content"), []byte("b-content"), []byte("c-content"), []byte("d-content")
	r.commitPointer("model.bin", a)
	r.commitPointer("model.bin", b) // a stays reachable through history
	r.git("checkout", "-q", "-b", "feature")
	r.commitPointer("data.bin", c)
	r.git("checkout", "-q", "main")
	r.git("tag", "v1")
	os.WriteFile(filepath.Join(r.dir, "notes.txt"), []byte("version https://git-lfs.github.com/spec/v1 not a pointer\n"), 0o644)
	r.git("add", "notes.txt")
	r.git("commit", "-q", "-m", "text")
	// d is only in the working tree: not reachable.
	os.WriteFile(filepath.Join(r.dir, "wip.bin"), []byte(pointer(d)), 0o644)

	got, err := Pointers(context.Background(), r.dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range [][]byte{a, b, c} {
		if got[storetest.Object(x)] != int64(len(x)) {
			t.Errorf("pointer to %q not found (got %d pointers)", x, len(got))
		}
	}
	if _, ok := got[storetest.Object(d)]; ok || len(got) != 3 {
		t.Errorf("Pointers = %d objects, want exactly the 3 reachable ones", len(got))
	}
	if _, err := Pointers(context.Background(), t.TempDir()); err == nil {
		t.Error("Pointers on a directory that is not a repository succeeded")
	}
}

func openStore(t *testing.T) *chunked.Store {
	t.Helper()
	b, err := chunked.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s, err := chunked.Open(context.Background(), b, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func putAll(t *testing.T, s lfsstore.Store, cs ...[]byte) {
	t.Helper()
	for _, c := range cs {
		if err := s.Put(context.Background(), storetest.Object(c), int64(len(c)), bytes.NewReader(c)); err != nil {
			t.Fatal(err)
		}
	}
}

func readable(s lfsstore.Store, c []byte) error {
	o, err := s.Open(context.Background(), storetest.Object(c))
	if err != nil {
		return err
	}
	defer o.Close()
	got, err := io.ReadAll(o)
	if err != nil {
		return err
	}
	if !bytes.Equal(got, c) {
		return errors.New("content differs")
	}
	return nil
}

// TestGCAfterBranchDeletion is the must-show: deleting a branch and
// running gc frees that branch's unique chunks and nothing reachable.
func TestGCAfterBranchDeletion(t *testing.T) {
	r := newRepo(t)
	s := openStore(t)
	base := storetest.Content(1, 4<<20)
	v1 := append(append([]byte{}, base...), storetest.Content(2, 1<<20)...)
	// The branch's checkpoint shares base with main's and adds 2 MiB of
	// its own.
	branch := append(append([]byte{}, base...), storetest.Content(3, 2<<20)...)
	old := storetest.Content(4, 512<<10) // in main's history only
	putAll(t, s, old, v1, branch)

	r.commitPointer("model.bin", old)
	r.commitPointer("model.bin", v1)
	r.git("checkout", "-q", "-b", "experiment")
	r.commitPointer("model.bin", branch)
	r.git("checkout", "-q", "main")

	ctx := context.Background()
	// With the branch alive, gc removes nothing.
	rep, err := Run(ctx, s, Options{Repos: []string{r.dir}, Grace: -1})
	if err != nil {
		t.Fatal(err)
	}
	if rep.ObjectsRemoved != 0 || rep.Freed() != 0 || rep.Reachable != 3 {
		t.Fatalf("gc with every object reachable = %+v, want nothing removed", rep)
	}

	r.git("branch", "-D", "experiment")
	dry, err := Run(ctx, s, Options{Repos: []string{r.dir}, Grace: -1, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	rep, err = Run(ctx, s, Options{Repos: []string{r.dir}, Grace: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("after deleting the branch: dry run would free %d bytes; gc freed %d bytes: %+v", dry.Freed(), rep.Freed(), rep.GCReport)
	if rep.ObjectsRemoved != 1 {
		t.Errorf("gc removed %d objects, want the branch's one", rep.ObjectsRemoved)
	}
	// The branch's unique 2 MiB are freed (give or take the chunks at the
	// seam), the shared 4 MiB are not.
	if f := rep.Freed(); f < 2<<20-128<<10 || f > 2<<20+128<<10 {
		t.Errorf("gc freed %d bytes, want about the branch's unique %d", f, 2<<20)
	}
	if d := dry.Freed() - rep.Freed(); d < -(128<<10) || d > 128<<10 {
		t.Errorf("dry run said %d bytes, gc freed %d", dry.Freed(), rep.Freed())
	}
	for name, c := range map[string][]byte{"v1": v1, "old (history)": old} {
		if err := readable(s, c); err != nil {
			t.Errorf("reachable object %s damaged by gc: %v", name, err)
		}
	}
	if _, err := s.Stat(ctx, storetest.Object(branch)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the deleted branch's object is still stored: %v", err)
	}
}

func TestGCDefaultGraceKeepsNewObjects(t *testing.T) {
	r := newRepo(t)
	r.commitPointer("a.bin", []byte("a"))
	s := openStore(t)
	unreferenced := storetest.Content(5, 100<<10)
	putAll(t, s, unreferenced)
	rep, err := Run(context.Background(), s, Options{Repos: []string{r.dir}})
	if err != nil {
		t.Fatal(err)
	}
	if rep.ObjectsRemoved != 0 || rep.ObjectsInGrace != 1 {
		t.Errorf("gc removed a fresh upload (a push in flight): %+v", rep)
	}
}

func TestGCRefusesWithoutRepos(t *testing.T) {
	s := openStore(t)
	putAll(t, s, []byte("x"))
	if _, err := Run(context.Background(), s, Options{Grace: -1}); err == nil {
		t.Fatal("gc without repositories ran: it would remove everything")
	}
	if _, err := Run(context.Background(), s, Options{Repos: []string{t.TempDir()}, Grace: -1}); err == nil {
		t.Fatal("gc with an unreadable repository ran")
	}
	if err := readable(s, []byte("x")); err != nil {
		t.Fatal(err)
	}
}
