package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/git-repro/git-repro/internal/gittest"
	"github.com/git-repro/git-repro/internal/testenv"
	"github.com/git-repro/git-repro/lfsstore"
)

// The security review's reproductions, end to end: the real server binary
// on a chunked store, the real git and git-lfs client.

// lfsRepo is a work repository whose LFS endpoint is srv, with a bare
// remote for its refs.
type lfsRepo struct {
	t      *testing.T
	dir    string
	remote string
	env    []string
}

func newLFSRepo(t *testing.T, srv *serverProc) *lfsRepo {
	testenv.Tool(t, "git-lfs")
	r := &lfsRepo{t: t, dir: t.TempDir(), remote: t.TempDir(), env: gittest.Env(t)}
	r.git(r.remote, "init", "-q", "--bare", "-b", "main")
	r.git(r.dir, "init", "-q", "-b", "main")
	r.git(r.dir, "lfs", "install", "--local")
	r.git(r.dir, "remote", "add", "origin", r.remote)
	r.point(srv)
	r.git(r.dir, "config", "lfs.locksverify", "false")
	r.git(r.dir, "config", "credential.helper", `!f() { test "$1" = get && echo username=admin && echo password=pw; }; f`)
	r.git(r.dir, "lfs", "track", "*.bin")
	return r
}

// point makes srv the repository's LFS endpoint.
func (r *lfsRepo) point(srv *serverProc) {
	r.git(r.dir, "config", "lfs.url", "http://"+srv.addr+"/ml/data.git/info/lfs")
}

func (r *lfsRepo) try(dir string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir, cmd.Env = dir, r.env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (r *lfsRepo) git(dir string, args ...string) string {
	r.t.Helper()
	out, err := r.try(dir, args...)
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func (r *lfsRepo) commit(files map[string][]byte) {
	r.t.Helper()
	for name, c := range files {
		if err := os.WriteFile(filepath.Join(r.dir, name), c, 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
	r.git(r.dir, "add", ".")
	r.git(r.dir, "commit", "-q", "-m", "objects")
}

// download fetches an object through the batch API and its GET href, as
// git-lfs does, and returns the status of the GET (404 when the batch has
// no download for it) and the body.
func download(t *testing.T, addr string, content []byte) (int, []byte) {
	t.Helper()
	href := batchHref(t, addr, "download", content)
	if href == "" {
		return 404, nil
	}
	resp, err := http.Get(href)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body) // a broken transfer shows as a short body
	return resp.StatusCode, got
}

// flipPackByte flips one byte at off in the pack of the given size.
func flipPackByte(t *testing.T, chunks string, size int64, off int64) {
	t.Helper()
	var pack string
	filepath.WalkDir(filepath.Join(chunks, "packs"), func(p string, d os.DirEntry, err error) error {
		if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() && fi.Size() == size {
			pack = p
		}
		return nil
	})
	if pack == "" {
		t.Fatalf("no pack of %d bytes under %s", size, chunks)
	}
	f, err := os.OpenFile(pack, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b := []byte{0}
	f.ReadAt(b, off)
	b[0] ^= 0x04
	if _, err := f.WriteAt(b, off); err != nil {
		t.Fatal(err)
	}
}

// A byte flips in a pack that two pushed objects share. A third object
// pushed afterwards that shares the damaged chunk used to be acknowledged
// and unreadable; fsck used to exit 3 at the first bad chunk and
// --quarantine removed nothing; after a quarantine, a re-upload was
// acknowledged while it reused the damaged chunk, and the GET returned 200
// with a short body. Now the third object reads back, fsck lists the two
// damaged objects (exit 1), --quarantine removes them and marks the chunk,
// git lfs push uploads them again, and all read back whole.
func TestBitFlipQuarantineReupload(t *testing.T) {
	dir := t.TempDir()
	state, chunks := filepath.Join(dir, "state"), filepath.Join(dir, "chunks")
	store := "file://" + chunks
	srv := startServer(t, state, "--store", store)
	r := newLFSRepo(t, srv)
	a := randomBytes(40, 2<<20)
	b := append(append([]byte{}, a[:3<<19]...), randomBytes(41, 256<<10)...)
	r.commit(map[string][]byte{"a.bin": a})
	r.git(r.dir, "push", "-q", "origin", "main")
	r.commit(map[string][]byte{"b.bin": b}) // after a: b's first 1.5 MiB are a's chunks
	r.git(r.dir, "push", "-q", "origin", "main")

	flipPackByte(t, chunks, int64(len(a)), 512<<10) // in the part a and b share

	// A new object sharing the damaged chunk, pushed before anyone ran
	// fsck, used to be acknowledged and unreadable. (The server restarts
	// first: a process trusts what it wrote itself for 10 minutes, and
	// bit rot within those is not what this is about.)
	srv.cmd.Process.Signal(syscall.SIGTERM)
	<-srv.exited
	srv = startServer(t, state, "--store", store)
	r.point(srv)
	c := append(append([]byte{}, randomBytes(42, 100<<10)...), a[:3<<19]...)
	r.commit(map[string][]byte{"c.bin": c})
	r.git(r.dir, "push", "-q", "origin", "main")
	if code, got := download(t, srv.addr, c); code != 200 || !bytes.Equal(got, c) {
		t.Fatalf("an object pushed after the flip, sharing the damaged chunk: GET %d with %d of %d bytes", code, len(got), len(c))
	}

	out, code := fsckCLI(t, state, "--store", store)
	for _, c := range [][]byte{a, b} {
		if sum := sha256.Sum256(c); !strings.Contains(out, "corrupt object "+hex.EncodeToString(sum[:])) {
			t.Errorf("fsck does not list %x:\n%s", sum, out)
		}
	}
	if code != ExitFindings || !strings.Contains(out, "checked 3 objects") || strings.Count(out, "corrupt object") != 2 {
		t.Fatalf("fsck of a store with a flipped byte: exit %d, want %d\n%s", code, ExitFindings, out)
	}
	out, code = fsckCLI(t, state, "--store", store, "--quarantine")
	if code != ExitFindings || strings.Count(out, "removed; the next push uploads it again") != 2 {
		t.Fatalf("fsck --quarantine: exit %d\n%s", code, out)
	}
	for _, c := range [][]byte{a, b} {
		if code, _ := download(t, srv.addr, c); code != 404 {
			t.Errorf("a quarantined object is still offered: %d", code)
		}
	}

	r.git(r.dir, "lfs", "push", "--all", "origin")
	for i, c := range [][]byte{a, b} {
		code, got := download(t, srv.addr, c)
		if code != 200 || !bytes.Equal(got, c) {
			t.Errorf("object %d after the re-upload: GET %d with %d of %d bytes\n%s", i, code, len(got), len(c), srv.log())
		}
	}
	if out, code := fsckCLI(t, state, "--store", store); code != 0 || !strings.Contains(out, "checked 3 objects") {
		t.Errorf("fsck after the re-upload: exit %d\n%s", code, out)
	}
}

// A client stalls half-way through a PUT to the chunked store. It used to
// hold the store's shared lock forever, so lfs gc, even --dry-run, waited
// forever. Now both run to the end while the upload stalls; the upload is
// cut after --rate-window and leaves nothing behind.
func TestStalledUploadDoesNotHoldGC(t *testing.T) {
	dir := t.TempDir()
	state, chunks := filepath.Join(dir, "state"), filepath.Join(dir, "chunks")
	store := "file://" + chunks
	srv := startServer(t, state, "--store", store, "--rate-window", "3s")
	r := newLFSRepo(t, srv)
	kept := randomBytes(50, 1<<20)
	r.commit(map[string][]byte{"kept.bin": kept})
	r.git(r.dir, "push", "-q", "origin", "main")

	stalled := randomBytes(51, 8<<20)
	pw, res := startSlowPut(uploadHref(t, srv.addr, stalled), len(stalled))
	if _, err := pw.Write(stalled[:2<<20]); err != nil {
		t.Fatal(err)
	}
	st, err := agentOpen(chunks)
	if err != nil {
		t.Fatal(err)
	}
	waitLeftover(t, st.(lfsstore.LeftoverCleaner), "spool file", 1<<20)
	for _, dry := range []string{"--dry-run", "--grace=0s"} {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		cmd := exec.CommandContext(ctx, buildBinary(t), "gc", "--store", store, "--repo", r.remote, dry)
		out, err := cmd.CombinedOutput()
		cancel()
		if err != nil {
			t.Fatalf("gc %s beside a stalled upload: %v\n%s", dry, err, out)
		}
		select {
		case code := <-res:
			t.Fatalf("the stalled upload ended (%d) before gc %s was done", code, dry)
		default:
		}
	}
	if code, got := download(t, srv.addr, kept); code != 200 || !bytes.Equal(got, kept) {
		t.Fatalf("the pushed object after gc: %d, %d bytes", code, len(got))
	}
	if !srv.waitLog("upload too slow") {
		t.Errorf("the server did not cut the stalled upload:\n%s", srv.log())
	}
	if code := <-res; code == 200 {
		t.Fatal("a stalled upload was acknowledged")
	}
	pw.Close()
	if out, code := fsckCLI(t, state, "--store", store); code != 0 || strings.Contains(out, "note:") {
		t.Errorf("fsck after the stalled upload: exit %d\n%s", code, out)
	}
}

// kill -9 of the server in the middle of an upload to the chunked store:
// fsck reports what it left (a spool file, the upload's lease) as left by
// an interrupted upload, --remove-leftovers removes it at once, and a
// restarted server takes the object.
func TestKilledServerLeftoversChunked(t *testing.T) {
	dir := t.TempDir()
	state, chunks := filepath.Join(dir, "state"), filepath.Join(dir, "chunks")
	store := "file://" + chunks
	srv := startServer(t, state, "--store", store)
	content := randomBytes(60, 8<<20)
	pw, res := startSlowPut(uploadHref(t, srv.addr, content), len(content))
	if _, err := pw.Write(content[:4<<20]); err != nil {
		t.Fatal(err)
	}
	st, err := agentOpen(chunks)
	if err != nil {
		t.Fatal(err)
	}
	waitLeftover(t, st.(lfsstore.LeftoverCleaner), "spool file", 1<<20)
	if err := srv.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-srv.exited
	pw.CloseWithError(io.ErrClosedPipe)
	if code := <-res; code == 200 {
		t.Fatal("PUT succeeded although the server was killed")
	}
	out, code := fsckCLI(t, state, "--store", store)
	if code != 0 || !strings.Contains(out, "note: spool file") || !strings.Contains(out, "note: lease") || strings.Contains(out, "in progress") {
		t.Errorf("fsck after the kill: exit %d\n%s", code, out)
	}
	out, code = fsckCLI(t, state, "--store", store, "--remove-leftovers")
	if code != 0 || !strings.Contains(out, "removed: spool file") || !strings.Contains(out, "removed: lease") {
		t.Errorf("fsck --remove-leftovers: exit %d\n%s", code, out)
	}
	if out, _ := fsckCLI(t, state, "--store", store); strings.Contains(out, "note:") {
		t.Errorf("leftovers after --remove-leftovers:\n%s", out)
	}
	srv = startServer(t, state, "--store", store)
	pw, res = startSlowPut(uploadHref(t, srv.addr, content), len(content))
	go func() { pw.Write(content); pw.Close() }()
	if code := <-res; code != 200 {
		t.Fatalf("re-upload: %d\n%s", code, srv.log())
	}
	if code, got := download(t, srv.addr, content); code != 200 || !bytes.Equal(got, content) {
		t.Fatalf("after the re-upload: %d, %d bytes", code, len(got))
	}
}
