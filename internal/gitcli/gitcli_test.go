package gitcli_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/git-repro/git-repro/internal/gitcli"
	"github.com/git-repro/git-repro/internal/gittest"
)

func TestOutputAndErrors(t *testing.T) {
	r := gittest.New(t)
	head := r.Commit("one", map[string]string{"a.txt": "a\n"})
	g := r.Runner()
	ctx := context.Background()
	out, err := g.Output(ctx, "rev-parse", "HEAD")
	if err != nil || strings.TrimSpace(string(out)) != head {
		t.Fatalf("rev-parse HEAD = %q, %v; want %s", out, err, head)
	}
	_, err = g.Output(ctx, "rev-parse", "--verify", "no-such-branch")
	var ge *gitcli.Error
	if !errors.As(err, &ge) {
		t.Fatalf("err = %T %v, want *gitcli.Error", err, err)
	}
	if ge.ExitCode != 128 || gitcli.ExitCode(err) != 128 {
		t.Errorf("exit code %d, want 128", ge.ExitCode)
	}
	if !strings.Contains(err.Error(), "git rev-parse --verify no-such-branch: fatal: Needed a single revision") {
		t.Errorf("error %q does not carry the command and git's stderr", err)
	}
	if err := g.Run(ctx, "merge-base", "--is-ancestor", head, head); err != nil {
		t.Errorf("is-ancestor of itself: %v", err)
	}
	if out, err := g.CombinedOutput(ctx, "rev-parse", "--verify", "nope"); err == nil || !strings.Contains(string(out), "fatal:") {
		t.Errorf("CombinedOutput = %q, %v", out, err)
	}
	// A missing executable is an error, not a panic.
	if _, err := (gitcli.Git{Dir: r.Dir, Path: filepath.Join(t.TempDir(), "no-git")}).Output(ctx, "version"); err == nil {
		t.Error("a missing git binary ran")
	}
}

// TestCancelKillsFetch: a fetch from a server that accepts and never
// answers ends when the context does, and git's helper (git-remote-http,
// which holds the connection) dies with it: the server sees the
// connection close.
func TestCancelKillsFetch(t *testing.T) {
	r := gittest.New(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	conns := make(chan net.Conn, 4)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				close(conns)
				return
			}
			conns <- c // accept, read nothing, answer nothing
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- r.Runner().Run(ctx, "fetch", "--no-tags", "http://"+ln.Addr().String()+"/repo.git", "main")
	}()
	select {
	case err = <-done:
	case <-time.After(time.Minute):
		t.Fatal("git fetch from a stalled server did not end when its context did")
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want one wrapping context.DeadlineExceeded", err)
	}
	if !strings.Contains(err.Error(), "git fetch") || !strings.Contains(err.Error(), "killed") {
		t.Errorf("error %q does not say which command was killed", err)
	}
	var c net.Conn
	select {
	case c = <-conns:
	case <-time.After(10 * time.Second):
		t.Fatal("git never connected to the test server")
	}
	defer c.Close()
	c.SetReadDeadline(time.Now().Add(30 * time.Second))
	if _, err := io.Copy(io.Discard, c); err != nil {
		t.Errorf("the connection stayed open after the fetch was cancelled (git-remote-http survived): %v", err)
	}
}

func TestCatFile(t *testing.T) {
	r := gittest.New(t)
	r.Commit("one", map[string]string{"a b.txt": "spaces\n", "big.bin": strings.Repeat("x", 5000)})
	cf := r.Runner().CatFile(context.Background())
	defer cf.Close()
	o, b, err := cf.Read("HEAD:a b.txt", 1<<20)
	if err != nil || string(b) != "spaces\n" || o.Type != "blob" || o.Size != 7 {
		t.Fatalf("Read = %+v %q %v", o, b, err)
	}
	if _, err := cf.Info("HEAD:no such file.txt"); !errors.Is(err, gitcli.ErrMissing) {
		t.Errorf("missing path with spaces: %v, want ErrMissing", err)
	}
	if _, err := cf.Info("bad\nspec"); !errors.Is(err, gitcli.ErrMissing) {
		t.Errorf("spec with a newline: %v", err)
	}
	o, b, err = cf.Read("HEAD:big.bin", 4096)
	if !errors.Is(err, gitcli.ErrObjectTooLarge) || b != nil || o.Size != 5000 {
		t.Errorf("over the limit: %+v, %d bytes, %v", o, len(b), err)
	}
	// The process restarts after a refused read.
	if _, b, err := cf.Read("HEAD:a b.txt", 1<<20); err != nil || string(b) != "spaces\n" {
		t.Errorf("read after a refused one: %q %v", b, err)
	}
	if o, err := cf.Info("HEAD^{tree}"); err != nil || o.Type != "tree" {
		t.Errorf("Info(HEAD^{tree}) = %+v %v", o, err)
	}
}

func TestReadObjectsAndSizes(t *testing.T) {
	r := gittest.New(t)
	r.Commit("one", map[string]string{"a": "alpha\n", "b": "beta\n", "c": strings.Repeat("c", 3000)})
	g := r.Runner()
	ctx := context.Background()
	var names []string
	for _, p := range []string{"a", "b", "c"} {
		names = append(names, r.Git("rev-parse", "HEAD:"+p))
	}
	names = append(names[:1], append([]string{strings.Repeat("0", 40), "not\nvalid"}, names[1:]...)...)
	got := map[int]string{}
	err := g.ReadObjects(ctx, names, 1024, func(i int, o gitcli.Object, b []byte) error {
		got[i] = fmt.Sprintf("%s %d %q", o.Type, o.Size, b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{0: `blob 6 "alpha\n"`, 3: `blob 5 "beta\n"`, 4: `blob 3000 ""`}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("ReadObjects:\n got %v\nwant %v", got, want)
	}
	sizes, err := g.ObjectSizes(ctx, names)
	if err != nil || len(sizes) != 3 || sizes[names[4]] != 3000 {
		t.Errorf("ObjectSizes = %v, %v", sizes, err)
	}
}

// TestReaderStoppingEarlyKillsGit: a callback that fails on the first of
// many objects ends the run, although the writer still has thousands of
// names to send into a pipe nobody reads.
func TestReaderStoppingEarlyKillsGit(t *testing.T) {
	r := gittest.New(t)
	r.Commit("one", map[string]string{"a": strings.Repeat("a", 1<<16)})
	blob := r.Git("rev-parse", "HEAD:a")
	names := make([]string, 20000)
	for i := range names {
		names[i] = blob
	}
	stop := errors.New("enough")
	done := make(chan error, 1)
	go func() {
		done <- r.Runner().ReadObjects(context.Background(), names, 1<<20, func(int, gitcli.Object, []byte) error { return stop })
	}()
	select {
	case err := <-done:
		if !errors.Is(err, stop) {
			t.Errorf("err = %v, want the callback's", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("ReadObjects deadlocked after its callback failed")
	}
}

// fakeGit writes a stand-in for git that answers the first request of a
// batch with a valid object, then with a malformed header, and then hangs
// without exiting, as a broken or hostile git would.
func fakeGit(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "git")
	script := "#!/bin/sh\n" +
		"read line\n" +
		"printf '%s blob 3\\nabc\\n' " + strings.Repeat("a", 40) + "\n" +
		"read line\n" +
		"printf 'this is not a header\\n'\n" +
		"exec sleep 3600\n"
	if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestMalformedHeaderMidStreamKillsGit(t *testing.T) {
	g := gitcli.Git{Dir: t.TempDir(), Path: fakeGit(t)}
	names := []string{strings.Repeat("a", 40), strings.Repeat("b", 40), strings.Repeat("c", 40)}
	for _, tc := range []struct {
		name string
		run  func() error
	}{
		{"ReadObjects", func() error {
			n := 0
			err := g.ReadObjects(context.Background(), names, 1024, func(int, gitcli.Object, []byte) error { n++; return nil })
			if n != 1 {
				t.Errorf("ReadObjects called back %d times before the bad header, want 1", n)
			}
			return err
		}},
		{"ObjectSizes", func() error { _, err := g.ObjectSizes(context.Background(), names); return err }},
		{"CatFile", func() error {
			cf := g.CatFile(context.Background())
			defer cf.Close()
			if _, b, err := cf.Read(names[0], 1024); err != nil || string(b) != "abc" {
				t.Errorf("first read = %q %v", b, err)
			}
			_, err := cf.Info(names[1])
			if _, err2 := cf.Info(names[2]); err2 == nil {
				t.Error("the process answered after a protocol error")
			}
			return err
		}},
	} {
		done := make(chan error, 1)
		go func() { done <- tc.run() }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "malformed cat-file header") {
				t.Errorf("%s: err = %v, want a malformed-header error", tc.name, err)
			}
		case <-time.After(time.Minute):
			t.Fatalf("%s: deadlocked on a malformed header", tc.name)
		}
	}
}

func TestParseHeader(t *testing.T) {
	h := strings.Repeat("ab", 20)
	for line, want := range map[string]string{
		h + " blob 12\n":                     "{" + h + " blob 12} <nil>",
		h + " tree 0":                        "{" + h + " tree 0} <nil>",
		strings.Repeat("c", 64) + " tag 1\n": "{" + strings.Repeat("c", 64) + " tag 1} <nil>",
		"HEAD:a file missing\n":              "{  0} object missing",
		"abc ambiguous\n":                    "{  0} object missing",
	} {
		o, err := gitcli.ParseHeader(line)
		if got := fmt.Sprintf("%v %v", o, err); got != want {
			t.Errorf("ParseHeader(%q) = %s, want %s", line, got, want)
		}
	}
	for _, bad := range []string{"", "\n", h + " blob", h + " blob -1", h + " blob +1", h + " blob 1 2", h + " wood 1",
		strings.ToUpper(h) + " blob 1", "abc blob 1", h + " blob 99999999999999999999", h + "  blob 1"} {
		if _, err := gitcli.ParseHeader(bad); err == nil || errors.Is(err, gitcli.ErrMissing) {
			t.Errorf("ParseHeader(%q) accepted: %v", bad, err)
		}
	}
}

// FuzzParseHeader: never panics; an accepted header prints back to
// itself.
func FuzzParseHeader(f *testing.F) {
	f.Add(strings.Repeat("ab", 20) + " blob 12\n")
	f.Add("x missing\n")
	f.Fuzz(func(t *testing.T, line string) {
		o, err := gitcli.ParseHeader(line)
		if err != nil {
			return
		}
		back := fmt.Sprintf("%s %s %d", o.Name, o.Type, o.Size)
		if back != strings.TrimSuffix(line, "\n") {
			t.Fatalf("%q parsed as %+v", line, o)
		}
	})
}
