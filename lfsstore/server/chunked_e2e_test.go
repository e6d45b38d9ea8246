package server_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/git-repro/git-repro/internal/gittest"
	"github.com/git-repro/git-repro/internal/testenv"
	"github.com/git-repro/git-repro/lfsstore/chunked"
	"github.com/git-repro/git-repro/lfsstore/gc"
	"github.com/git-repro/git-repro/lfsstore/server"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

// These tests run the real git-lfs client against "lfs serve" (the
// lfsstore/server handler) backed by the chunked store.

var _ server.Quota = (*gc.Quota)(nil)

type sh struct {
	t   *testing.T
	env []string
}

func newSh(t *testing.T) *sh {
	if _, err := exec.LookPath("git-lfs"); err != nil {
		testenv.Missing(t, "git-lfs is not installed (Debian package git-lfs)")
	}
	env := append(gittest.Env(t), "GIT_ASKPASS=", "SSH_ASKPASS=")
	sh := &sh{t, env}
	home := t.TempDir()
	for _, kv := range env {
		if h, ok := strings.CutPrefix(kv, "HOME="); ok {
			home = h
		}
	}
	sh.git(home, "lfs", "install", "--skip-repo") // the smudge filter, in the private HOME
	return sh
}

func (s *sh) try(dir string, args ...string) (string, error) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	cmd.Env = s.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

func (s *sh) git(dir string, args ...string) string {
	s.t.Helper()
	out, err := s.try(dir, args...)
	if err != nil {
		s.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

const adminPass = "correct horse battery staple"

func startServer(t *testing.T, st *chunked.Store, q server.Quota) string {
	t.Helper()
	auth := server.NewAuth()
	if err := auth.AddBootstrapAdmin("admin", adminPass); err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(server.Config{Store: st, StateDir: t.TempDir(), Auth: auth, Quota: q})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv) // 127.0.0.1
	t.Cleanup(ts.Close)
	return ts.URL
}

func setupRepo(s *sh, root, url string) (work, remote string) {
	remote = filepath.Join(root, "remote.git")
	work = filepath.Join(root, "work")
	s.git(root, "init", "-q", "--bare", "-b", "main", remote)
	s.git(root, "init", "-q", "-b", "main", work)
	s.git(work, "lfs", "install", "--local")
	s.git(work, "remote", "add", "origin", remote)
	s.git(work, "config", "lfs.url", url+"/ml/models.git/info/lfs")
	s.git(work, "config", "credential.helper", fmt.Sprintf("!f() { test \"$1\" = get && echo username=admin && echo password='%s'; }; f", adminPass))
	s.git(work, "lfs", "track", "*.bin")
	return work, remote
}

func openDir(t *testing.T, dir string) *chunked.Store {
	b, err := chunked.NewDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	st, err := chunked.Open(context.Background(), b, nil)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestServeChunkedEndToEnd(t *testing.T) {
	s := newSh(t)
	root := t.TempDir()
	st := openDir(t, filepath.Join(root, "store"))
	url := startServer(t, st, nil)
	work, remote := setupRepo(s, root, url)

	ckpt := storetest.Content(1, 8<<20)
	small := []byte("tokenizer vocabulary\n")
	os.WriteFile(filepath.Join(work, "model.bin"), ckpt, 0o644)
	os.WriteFile(filepath.Join(work, "vocab.bin"), small, 0o644)
	s.git(work, "add", ".")
	s.git(work, "commit", "-q", "-m", "checkpoint")
	s.git(work, "push", "-q", "origin", "main")
	before, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if before.Objects != 2 || before.LogicalBytes != int64(len(ckpt)+len(small)) {
		t.Fatalf("after the first push the store has %+v, want the 2 objects", before)
	}

	clone := filepath.Join(root, "clone")
	s.git(root, "-c", "lfs.url="+url+"/ml/models.git/info/lfs", "-c", "credential.helper="+fmt.Sprintf("!f() { test \"$1\" = get && echo username=admin && echo password='%s'; }; f", adminPass), "clone", "-q", remote, clone)
	if got, _ := os.ReadFile(filepath.Join(clone, "model.bin")); !bytes.Equal(got, ckpt) {
		t.Fatalf("clone got %d bytes of model.bin, want the %d-byte checkpoint", len(got), len(ckpt))
	}

	// A fine-tuned checkpoint: 3 small edits and 1000 bytes inserted.
	next := append([]byte{}, ckpt[:5<<20]...)
	next = append(next, storetest.Content(2, 1000)...)
	next = append(next, ckpt[5<<20:]...)
	copy(next[1<<20:], "edit one")
	copy(next[7<<20:], "edit two")
	os.WriteFile(filepath.Join(work, "model.bin"), next, 0o644)
	s.git(work, "commit", "-q", "-am", "fine-tune")
	s.git(work, "push", "-q", "origin", "main")
	after, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	grew := after.StoredBytes - before.StoredBytes
	t.Logf("second push of a %d-byte checkpoint with 2 edits and an insertion: logical +%d, stored +%d bytes, chunks %d -> %d",
		len(next), after.LogicalBytes-before.LogicalBytes, grew, before.Chunks, after.Chunks)
	if grew > 6*128<<10 {
		t.Errorf("stored bytes grew by %d, want only the chunks around 3 edits (at most %d)", grew, 6*128<<10)
	}
	if nc := after.Chunks - before.Chunks; nc < 2 || nc > 8 {
		t.Errorf("%d new chunks, want a handful (3 edits)", nc)
	}
	s.git(clone, "config", "lfs.url", url+"/ml/models.git/info/lfs")
	s.git(clone, "config", "credential.helper", fmt.Sprintf("!f() { test \"$1\" = get && echo username=admin && echo password='%s'; }; f", adminPass))
	s.git(clone, "pull", "-q")
	if got, _ := os.ReadFile(filepath.Join(clone, "model.bin")); !bytes.Equal(got, next) {
		t.Fatal("the clone did not get the fine-tuned checkpoint")
	}
}

// TestServeQuota: a push over the repository's quota fails at batch time
// with 507 and a message naming the object, and nothing is stored.
func TestServeQuota(t *testing.T) {
	s := newSh(t)
	root := t.TempDir()
	st := openDir(t, filepath.Join(root, "store"))
	q, err := gc.NewQuota(filepath.Join(root, "quota.ledger"), func(repo string) (int64, bool) {
		return 1 << 20, repo == "ml/models"
	})
	if err != nil {
		t.Fatal(err)
	}
	url := startServer(t, st, q)
	work, _ := setupRepo(s, root, url)

	fits := storetest.Content(3, 600<<10)
	os.WriteFile(filepath.Join(work, "a.bin"), fits, 0o644)
	s.git(work, "add", ".")
	s.git(work, "commit", "-q", "-m", "a")
	s.git(work, "push", "-q", "origin", "main")
	if u, err := q.Usage("ml/models"); err != nil || u != int64(len(fits)) {
		t.Fatalf("usage after the first push = %d, want %d", u, len(fits))
	}

	tooBig := storetest.Content(4, 600<<10)
	os.WriteFile(filepath.Join(work, "b.bin"), tooBig, 0o644)
	s.git(work, "add", ".")
	s.git(work, "commit", "-q", "-m", "b")
	out, err := s.try(work, "push", "origin", "main")
	if err == nil {
		t.Fatalf("a push over quota succeeded:\n%s", out)
	}
	oid := storetest.Object(tooBig).String()
	if !strings.Contains(out, "quota exceeded") || !strings.Contains(out, oid) {
		t.Errorf("push output does not explain the quota per object (%s):\n%s", oid, out)
	}
	t.Logf("git push output:\n%s", out)
	if _, err := st.Stat(context.Background(), storetest.Object(tooBig)); err == nil {
		t.Error("an object over quota was stored")
	}
}
