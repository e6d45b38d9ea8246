package server

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/git-repro/git-repro/internal/testenv"
	"github.com/git-repro/git-repro/lfsstore"
)

// gitEnv is a hermetic environment for git and git-lfs: no inherited GIT_*
// variables, a private HOME, no prompts, a fixed identity and dates.
func gitEnv(home string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GIT_") || k == "HOME" || k == "XDG_CONFIG_HOME" {
			continue
		}
		env = append(env, kv)
	}
	return append(env,
		"HOME="+home, "XDG_CONFIG_HOME="+filepath.Join(home, ".config"),
		"GIT_CONFIG_NOSYSTEM=1", "GIT_TERMINAL_PROMPT=0", "GIT_ASKPASS=", "SSH_ASKPASS=",
		"GIT_AUTHOR_NAME=Test Author", "GIT_AUTHOR_EMAIL=author@example.com",
		"GIT_COMMITTER_NAME=Test Committer", "GIT_COMMITTER_EMAIL=committer@example.com",
		"GIT_AUTHOR_DATE=2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z",
	)
}

type gitRunner struct {
	home string
}

// run runs a command in dir and returns stdout, stderr and the error.
func (g *gitRunner) run(t *testing.T, dir string, extraEnv []string, name string, args ...string) (string, string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	// Kill the whole process group (git runs hooks and git-lfs as
	// children) and do not wait for orphans holding the pipes.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = 5 * time.Second
	cmd.Env = append(gitEnv(g.home), extraEnv...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s %q in %s timed out (waiting for a prompt?)\nstderr: %s", name, args, dir, errb.String())
	}
	return out.String(), errb.String(), err
}

// git runs git and fails the test on error.
func (g *gitRunner) git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, errs, err := g.run(t, dir, nil, "git", args...)
	if err != nil {
		t.Fatalf("git %q in %s: %v\nstdout: %s\nstderr: %s", args, dir, err, out, errs)
	}
	return out + errs
}

func credHelper(user, pass string) string {
	return fmt.Sprintf("!f() { test \"$1\" = get && echo username=%s && echo password=%s; }; f", user, pass)
}

func randomFile(t *testing.T, path string, seed uint64, n int) []byte {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return b
}

func requireGitLFS(t *testing.T) {
	t.Helper()
	for _, bin := range []string{"git", "git-lfs"} {
		if _, err := exec.LookPath(bin); err != nil {
			testenv.Missing(t, "%s not installed (Debian package %q): %v", bin, bin, err)
		}
	}
}

// TestGitLFSClient drives the real git-lfs client against the server:
// push, clone, skip-smudge + pull, locks with push-time verification,
// a wrong password and a read-only user.
func TestGitLFSClient(t *testing.T) {
	requireGitLFS(t)
	store, err := lfsstore.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	hb, _ := HashPassword("bob-pw")
	auth, err := ParseAuth([]byte(testAuthYAML + fmt.Sprintf(`  - name: bob
    password: %q
    access: {"team/*": write}
`, hb)))
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	srv, err := New(Config{Store: store, StateDir: t.TempDir(), Auth: auth, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	defer func() {
		if t.Failed() {
			t.Logf("server log:\n%s", logs.String())
		}
	}()

	root := t.TempDir()
	g := &gitRunner{home: filepath.Join(root, "home")}
	os.MkdirAll(g.home, 0o755)
	g.git(t, root, "config", "--global", "init.defaultBranch", "main")
	g.git(t, root, "lfs", "install", "--skip-repo")
	lfsURL := ts.URL + "/team/proj.git/info/lfs"

	remote := filepath.Join(root, "remote.git")
	g.git(t, root, "init", "-q", "--bare", remote)
	work := filepath.Join(root, "work")
	g.git(t, root, "init", "-q", work)
	g.git(t, work, "config", "credential.helper", credHelper("alice", alicePass))
	g.git(t, work, "config", "lfs."+lfsURL+".locksverify", "true")
	g.git(t, work, "lfs", "track", "*.bin")
	os.WriteFile(filepath.Join(work, ".lfsconfig"), []byte("[lfs]\n\turl = "+lfsURL+"\n"), 0o644)
	big := randomFile(t, filepath.Join(work, "model.bin"), 1, 3<<20+5)
	small := randomFile(t, filepath.Join(work, "data.bin"), 2, 1000)
	os.WriteFile(filepath.Join(work, "README.md"), []byte("hello\n"), 0o644)
	g.git(t, work, "add", ".")
	g.git(t, work, "commit", "-q", "-m", "add model")
	g.git(t, work, "remote", "add", "origin", remote)

	t.Run("push", func(t *testing.T) {
		out := g.git(t, work, "push", "origin", "main")
		if strings.Contains(strings.ToLower(out), "warning") || strings.Contains(out, "Consider enabling") {
			t.Errorf("push printed a warning:\n%s", out)
		}
		for _, c := range [][]byte{big, small} {
			if size, err := store.Stat(context.Background(), lfsstore.OID(sha(c))); err != nil || size != int64(len(c)) {
				t.Errorf("object of %d bytes not stored: size %d, %v", len(c), size, err)
			}
		}
		// The remote holds pointers, not content.
		ptr := g.git(t, remote, "cat-file", "-p", "main:model.bin")
		if !strings.HasPrefix(ptr, "version https://git-lfs.github.com/spec/v1\noid sha256:") {
			t.Errorf("remote blob is not an LFS pointer:\n%.200s", ptr)
		}
	})

	t.Run("clone", func(t *testing.T) {
		dst := filepath.Join(root, "clone")
		g.git(t, root, "-c", "credential.helper="+credHelper("reader", readerPass), "clone", "-q", remote, dst)
		for name, want := range map[string][]byte{"model.bin": big, "data.bin": small} {
			got, err := os.ReadFile(filepath.Join(dst, name))
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("fresh clone: %s has %d bytes (err %v), want the real %d bytes", name, len(got), err, len(want))
			}
		}
	})

	t.Run("skip-smudge-then-pull", func(t *testing.T) {
		dst := filepath.Join(root, "lazy")
		out, errs, err := g.run(t, root, []string{"GIT_LFS_SKIP_SMUDGE=1"}, "git", "clone", "-q", remote, dst)
		if err != nil {
			t.Fatalf("clone: %v\n%s%s", err, out, errs)
		}
		got, _ := os.ReadFile(filepath.Join(dst, "model.bin"))
		if !bytes.HasPrefix(got, []byte("version https://git-lfs.github.com/spec/v1")) {
			t.Fatalf("GIT_LFS_SKIP_SMUDGE clone has content, want a pointer: %.80q", got)
		}
		g.git(t, dst, "config", "credential.helper", credHelper("reader", readerPass))
		g.git(t, dst, "lfs", "pull")
		got, _ = os.ReadFile(filepath.Join(dst, "model.bin"))
		if !bytes.Equal(got, big) {
			t.Errorf("after git lfs pull: %d bytes, want the real %d", len(got), len(big))
		}
	})

	t.Run("locks", func(t *testing.T) {
		if out := g.git(t, work, "lfs", "lock", "model.bin"); !strings.Contains(out, "Locked model.bin") {
			t.Errorf("lock: %s", out)
		}
		out := g.git(t, work, "lfs", "locks")
		if !strings.Contains(out, "model.bin") || !strings.Contains(out, "alice") {
			t.Errorf("locks: %q; want model.bin owned by alice", out)
		}
		// Bob cannot push a change to alice's locked file.
		bobDir := filepath.Join(root, "bob")
		g.git(t, root, "-c", "credential.helper="+credHelper("bob", "bob-pw"), "clone", "-q", remote, bobDir)
		g.git(t, bobDir, "config", "credential.helper", credHelper("bob", "bob-pw"))
		g.git(t, bobDir, "config", "lfs."+lfsURL+".locksverify", "true")
		randomFile(t, filepath.Join(bobDir, "model.bin"), 3, 5000)
		g.git(t, bobDir, "commit", "-q", "-am", "bob edits")
		if out, errs, err := g.run(t, bobDir, nil, "git", "push", "origin", "main"); err == nil {
			t.Errorf("bob pushed a change to a file alice locked:\n%s%s", out, errs)
		} else if all := out + errs; !strings.Contains(all, "model.bin") || !strings.Contains(all, "alice") {
			t.Errorf("bob's refused push does not name the lock:\n%s", all)
		}
		// Alice's own push verifies the locks without a warning.
		randomFile(t, filepath.Join(work, "model.bin"), 4, 7000)
		g.git(t, work, "commit", "-q", "-am", "alice edits")
		out = g.git(t, work, "push", "origin", "main")
		if strings.Contains(strings.ToLower(out), "warning") || strings.Contains(out, "not support") {
			t.Errorf("push with locks printed a warning:\n%s", out)
		}
		if !strings.Contains(logs.String(), "/team/proj.git/info/lfs/locks/verify") {
			t.Error("push did not call locks/verify")
		}
		if out := g.git(t, work, "lfs", "unlock", "model.bin"); !strings.Contains(out, "Unlocked model.bin") {
			t.Errorf("unlock: %s", out)
		}
		if out := g.git(t, work, "lfs", "locks"); strings.TrimSpace(out) != "" {
			t.Errorf("locks after unlock: %q", out)
		}
	})

	// pushFails commits a new LFS file in a fresh clone pushing as
	// user/pass and checks that the push fails and stores nothing.
	t.Run("plain-root-url", func(t *testing.T) {
		// lfs.url at the server's root: the repository "/" in the auth
		// file, where alice has write access.
		dir := filepath.Join(root, "rootrepo")
		rremote := filepath.Join(root, "rootremote.git")
		g.git(t, root, "init", "-q", "--bare", rremote)
		g.git(t, root, "init", "-q", dir)
		g.git(t, dir, "config", "credential.helper", credHelper("alice", alicePass))
		g.git(t, dir, "lfs", "track", "*.bin")
		os.WriteFile(filepath.Join(dir, ".lfsconfig"), []byte("[lfs]\n\turl = "+ts.URL+"\n"), 0o644)
		c := randomFile(t, filepath.Join(dir, "root.bin"), 6, 20000)
		g.git(t, dir, "add", ".")
		g.git(t, dir, "commit", "-q", "-m", "root")
		g.git(t, dir, "remote", "add", "origin", rremote)
		g.git(t, dir, "push", "origin", "main")
		if _, err := store.Stat(context.Background(), lfsstore.OID(sha(c))); err != nil {
			t.Fatalf("object pushed to the root URL not stored: %v", err)
		}
		dst := filepath.Join(root, "rootclone")
		g.git(t, root, "-c", "credential.helper="+credHelper("alice", alicePass), "clone", "-q", rremote, dst)
		if got, _ := os.ReadFile(filepath.Join(dst, "root.bin")); !bytes.Equal(got, c) {
			t.Errorf("clone from the root URL: %d bytes, want %d", len(got), len(c))
		}
		if !strings.Contains(logs.String(), "path=/objects/batch") {
			t.Error("client did not use the root batch endpoint")
		}
	})

	// The credentials sit in a real "store" helper, as a user's would:
	// git-lfs rejects them on 401 and, with prompts disabled, gives up.
	pushFails := func(t *testing.T, name, user, pass, wantErr string) {
		dir := filepath.Join(root, name)
		g.git(t, root, "-c", "credential.helper="+credHelper("reader", readerPass), "clone", "-q", remote, dir)
		credFile := filepath.Join(root, name+".credentials")
		u, _ := url.Parse(ts.URL)
		u.User = url.UserPassword(user, pass)
		os.WriteFile(credFile, []byte(u.String()+"\n"), 0o600)
		g.git(t, dir, "config", "credential.helper", "store --file="+credFile)
		c := randomFile(t, filepath.Join(dir, name+".bin"), 5, 4096)
		g.git(t, dir, "add", ".")
		g.git(t, dir, "commit", "-q", "-m", "new file")
		before := g.git(t, remote, "rev-parse", "main")
		out, errs, err := g.run(t, dir, nil, "git", "push", "origin", "main")
		if err == nil {
			t.Fatalf("push as %s succeeded:\n%s%s", user, out, errs)
		}
		t.Logf("refused push as %s:\n%s", user, errs)
		if !strings.Contains(errs, wantErr) {
			t.Errorf("push as %s: stderr lacks %q:\n%s", user, wantErr, errs)
		}
		if after := g.git(t, remote, "rev-parse", "main"); after != before {
			t.Errorf("remote ref moved from %s to %s", before, after)
		}
		if _, err := store.Stat(context.Background(), lfsstore.OID(sha(c))); err == nil {
			t.Errorf("object uploaded by a refused push is stored")
		}
		if kept, _ := os.ReadFile(credFile); user == "alice" && strings.Contains(string(kept), pass) {
			t.Errorf("git-lfs did not reject the wrong password (no 401?); credential store still holds it")
		}
	}
	t.Run("wrong-password", func(t *testing.T) {
		pushFails(t, "wrongpw", "alice", "not-the-password", "credentials")
	})
	t.Run("read-only-user", func(t *testing.T) {
		pushFails(t, "readonly", "reader", readerPass, "this needs write access")
	})
}
