//go:build unix

package gitx_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/git-repro/git-repro/gitx"
	"github.com/git-repro/git-repro/internal/gittest"
	"github.com/git-repro/git-repro/snapshot"
)

// link makes a symlink in the repository (parents included).
func link(t *testing.T, r *gittest.Repo, name, target string) {
	t.Helper()
	p := filepath.Join(r.Dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		t.Fatal(err)
	}
}

// everyMode opens the four snapshots of a repository whose worktree is
// committed and staged: the index, HEAD, the worktree and the plain
// directory.
func everyMode(t *testing.T, dir string) map[string]*gitx.Snapshot {
	t.Helper()
	repo, err := gitx.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { repo.Close() })
	head, err := repo.Commit("HEAD")
	if err != nil {
		t.Fatal(err)
	}
	return map[string]*gitx.Snapshot{"index": repo.Index(), "commit": head, "worktree": repo.Worktree(), "dir": gitx.Dir(dir)}
}

// TestSymlinksOutsideAreNeverFollowed: a committed symlink that leads out
// of the repository (absolute, through "..", into .git, to a device) is
// never read through, in any mode; it is no file of the snapshot.
func TestSymlinksOutsideAreNeverFollowed(t *testing.T) {
	gittest.Hermetic(t)
	r := gittest.New(t)
	outside := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(outside, []byte("FROM python:latest\nRUN echo TOPSECRET\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	rel, err := filepath.Rel(r.Dir, outside)
	if err != nil {
		t.Fatal(err)
	}
	r.Write("README.md", "# readme\n")
	r.Write("docs/a.md", "a\n")
	bad := map[string]string{
		"Dockerfile":      outside,                                // absolute
		"rel.txt":         rel,                                    // ../../<tmp>/secret
		"deep/up.txt":     "../../" + filepath.Base(r.Dir),        // the repository's parent
		"nb.ipynb":        "/dev/zero",                            // a device, absolute
		"zero.ipynb":      strings.Repeat("../", 30) + "dev/zero", // a device, relative
		"gitcfg":          ".git/config",                          // into .git
		"docs/gitcfg":     "../.git/config",                       // into .git, via ..
		"loop1":           "loop2",                                // a loop
		"loop2":           "loop1",
		"dangling":        "nothing-here",
		"todir":           "docs", // a directory is not a file
		"docs/linked-dir": ".",
	}
	for name, target := range bad {
		link(t, r, name, target)
	}
	r.Git("add", "-A")
	r.Git("commit", "-q", "-m", "hostile links")
	for mode, snap := range everyMode(t, r.Dir) {
		for name := range bad {
			b, err := snap.ReadFile(name)
			if err == nil || strings.Contains(string(b), "TOPSECRET") {
				t.Errorf("%s: ReadFile(%q) = %q, %v; want an error", mode, name, b, err)
			}
			var le *gitx.LinkError
			if !errors.Is(err, fs.ErrNotExist) || !errors.As(err, &le) {
				t.Errorf("%s: ReadFile(%q) error %v is not a *LinkError wrapping fs.ErrNotExist", mode, name, err)
			}
			if _, err := snap.Stat(name); err == nil {
				t.Errorf("%s: Stat(%q) succeeded", mode, name)
			}
		}
		files, err := snap.Files()
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range files {
			got = append(got, f.Path)
		}
		if strings.Join(got, ",") != "README.md,docs/a.md" {
			t.Errorf("%s: Files() = %v, want only the regular files", mode, got)
		}
	}
	// The message says what was skipped and why.
	_, err = gitx.Dir(r.Dir).ReadFile("Dockerfile")
	if want := fmt.Sprintf("Dockerfile: symlink to %q is absolute (outside the repository); it is skipped", outside); err == nil || err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

// TestSymlinksInsideResolve: a symlink to a file inside the repository
// stands for that file, the same in every mode: its content is the
// target's (read from the same snapshot), its mode says it is a symlink.
func TestSymlinksInsideResolve(t *testing.T) {
	gittest.Hermetic(t)
	r := gittest.New(t)
	const gpu = "FROM python:3.11-slim\n"
	r.Write("docker/Dockerfile.gpu", gpu)
	r.Write("README.md", "# readme\n")
	link(t, r, "Dockerfile", "docker/Dockerfile.gpu")
	link(t, r, "chain", "Dockerfile")
	link(t, r, "dl", "docker")                                // a directory link
	link(t, r, "docker/up", "../README.md")                   // ".." inside the repository
	link(t, r, "docker/self", "./../docker/./Dockerfile.gpu") // normalised
	// A chain one link longer than MaxSymlinkHops from c0, exactly as long from c1.
	n := snapshot.MaxSymlinkHops
	for i := 0; i < n; i++ {
		link(t, r, fmt.Sprintf("c/%d", i), fmt.Sprint(i+1))
	}
	link(t, r, fmt.Sprintf("c/%d", n), "../README.md")
	r.Git("add", "-A")
	r.Git("commit", "-q", "-m", "links")
	for mode, snap := range everyMode(t, r.Dir) {
		for name, want := range map[string]string{
			"Dockerfile": gpu, "chain": gpu, "dl/Dockerfile.gpu": gpu, "docker/self": gpu,
			"docker/up": "# readme\n", "c/1": "# readme\n",
		} {
			if b, err := snap.ReadFile(name); err != nil || string(b) != want {
				t.Errorf("%s: ReadFile(%q) = %q, %v; want %q", mode, name, b, err, want)
			}
		}
		var le *gitx.LinkError
		if _, err := snap.ReadFile("c/0"); !errors.As(err, &le) || !strings.Contains(err.Error(), "more than 40 symlinks") {
			t.Errorf("%s: a chain of %d links: %v", mode, n+1, err)
		}
		fi, err := snap.Stat("Dockerfile")
		if err != nil || fi.Mode&fs.ModeSymlink == 0 || fi.Size != int64(len("docker/Dockerfile.gpu")) || fi.LFS != nil || fi.Target != "docker/Dockerfile.gpu" {
			t.Errorf("%s: Stat(Dockerfile) = %+v, %v; want the symlink itself", mode, fi, err)
		}
		if fi, err := snap.Stat("dl/Dockerfile.gpu"); err != nil || !fi.Mode.IsRegular() || fi.Size != int64(len(gpu)) {
			t.Errorf("%s: Stat through a directory link = %+v, %v", mode, fi, err)
		}
		files, err := snap.Files()
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, f := range files {
			got[f.Path] = true
			if f.Path == "chain" && f.Target != "docker/Dockerfile.gpu" {
				t.Errorf("%s: Files() gives chain's target as %q", mode, f.Target)
			}
		}
		for _, p := range []string{"Dockerfile", "chain", "docker/up", "docker/self", "docker/Dockerfile.gpu", "c/1"} {
			if !got[p] {
				t.Errorf("%s: Files() lacks %s", mode, p)
			}
		}
		for _, p := range []string{"dl", "c/0"} {
			if got[p] {
				t.Errorf("%s: Files() lists %s", mode, p)
			}
		}
	}
}

// TestStagedSymlinkedDockerfile: "ln -s docker/Dockerfile.gpu Dockerfile;
// git add Dockerfile" stages a Dockerfile whose content, for the rules, is
// the target's, not the text "docker/Dockerfile.gpu"; a staged link out of
// the repository is no target.
func TestStagedSymlinkedDockerfile(t *testing.T) {
	gittest.Hermetic(t)
	r := gittest.New(t)
	const gpu = "FROM python:3.11-slim\n"
	r.Commit("base", map[string]string{"docker/Dockerfile.gpu": gpu})
	link(t, r, "Dockerfile", "docker/Dockerfile.gpu")
	link(t, r, "compose.yaml", "/etc/passwd")
	r.Git("add", "Dockerfile", "compose.yaml")
	repo, err := gitx.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	idx := repo.Index()
	staged, err := repo.Staged(idx)
	if err != nil {
		t.Fatal(err)
	}
	if len(staged) != 1 || staged[0].Path != "Dockerfile" || staged[0].Mode&fs.ModeSymlink == 0 {
		t.Fatalf("staged = %+v, want the Dockerfile symlink alone", staged)
	}
	if b, err := idx.ReadFile("Dockerfile"); err != nil || string(b) != gpu {
		t.Errorf("index ReadFile(Dockerfile) = %q, %v; want the target's content", b, err)
	}
}

// TestNonRegularFilesAreNotRead: a FIFO (or a symlink to one) is never
// opened for reading; reading it fails at once instead of blocking.
func TestNonRegularFilesAreNotRead(t *testing.T) {
	gittest.Hermetic(t)
	r := gittest.New(t)
	r.Commit("base", map[string]string{"README.md": "# readme\n"})
	if err := syscall.Mkfifo(filepath.Join(r.Dir, "pipe"), 0o644); err != nil {
		t.Fatal(err)
	}
	link(t, r, "x.py", "pipe")
	repo, err := gitx.Open(r.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	for mode, snap := range map[string]*gitx.Snapshot{"worktree": repo.Worktree(), "dir": gitx.Dir(r.Dir)} {
		for _, name := range []string{"pipe", "x.py"} {
			done := make(chan error, 1)
			go func() { _, err := snap.ReadFile(name); done <- err }()
			select {
			case err := <-done:
				if !errors.Is(err, snapshot.ErrNotRegular) {
					t.Errorf("%s: ReadFile(%q) = %v, want ErrNotRegular", mode, name, err)
				}
			case <-time.After(time.Minute):
				t.Fatalf("%s: ReadFile(%q) blocked on a FIFO", mode, name)
			}
		}
		files, err := snap.Files()
		if err != nil || len(files) != 1 || files[0].Path != "README.md" {
			t.Errorf("%s: Files() = %+v, %v; want README.md alone", mode, files, err)
		}
	}
}

// TestReadCaps: a file over the cap is an error wrapping ErrTooLarge in
// every mode, and the snapshot reads on afterwards.
func TestReadCaps(t *testing.T) {
	gittest.Hermetic(t)
	r := gittest.New(t)
	r.Commit("base", map[string]string{"big.txt": strings.Repeat("x", 100), "small.txt": "ok\n"})
	for mode, snap := range everyMode(t, r.Dir) {
		if b, err := snap.ReadFileLimit("big.txt", 99); !errors.Is(err, snapshot.ErrTooLarge) || b != nil {
			t.Errorf("%s: 100 bytes under a 99-byte cap: %d bytes, %v", mode, len(b), err)
		}
		if b, err := snap.ReadFileLimit("big.txt", 100); err != nil || len(b) != 100 {
			t.Errorf("%s: 100 bytes under a 100-byte cap: %d bytes, %v", mode, len(b), err)
		}
		if b, err := snap.ReadFile("small.txt"); err != nil || string(b) != "ok\n" {
			t.Errorf("%s: read after a refused one: %q, %v", mode, b, err)
		}
		if fi, err := snap.Stat("big.txt"); err != nil || fi.Size != 100 {
			t.Errorf("%s: Stat of a file over the cap: %+v, %v", mode, fi, err)
		}
	}
}

// TestReadRegularFile: the reader for files named on the command line.
func TestReadRegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.yaml")
	os.WriteFile(big, []byte(strings.Repeat("a", 2048)), 0o644)
	os.Symlink(big, filepath.Join(dir, "link.yaml"))
	for name, want := range map[string]error{"/dev/zero": snapshot.ErrNotRegular, fifo: snapshot.ErrNotRegular, dir: snapshot.ErrNotRegular, big: snapshot.ErrTooLarge} {
		done := make(chan error, 1)
		go func() { _, err := gitx.ReadRegularFile(name, 1024); done <- err }()
		select {
		case err := <-done:
			if !errors.Is(err, want) {
				t.Errorf("ReadRegularFile(%s) = %v, want %v", name, err, want)
			}
		case <-time.After(time.Minute):
			t.Fatalf("ReadRegularFile(%s) blocked", name)
		}
	}
	if b, err := gitx.ReadRegularFile(filepath.Join(dir, "link.yaml"), 4096); err != nil || len(b) != 2048 {
		t.Errorf("a named symlink to a regular file: %d bytes, %v", len(b), err)
	}
}
