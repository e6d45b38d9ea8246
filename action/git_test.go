package action

import (
	"context"
	"errors"
	"io"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/git-repro/git-repro/gitx"
	"github.com/git-repro/git-repro/internal/gittest"
)

// shallowSetup makes an origin with main and a feature branch forked three
// commits back, and a depth-1 clone of feature, as actions/checkout makes.
func shallowSetup(t *testing.T) (origin, clone *gittest.Repo, fork, base, head string) {
	t.Helper()
	origin = gittest.New(t)
	origin.Commit("root", map[string]string{"a.txt": "a\n"})
	for i := 0; i < 5; i++ {
		origin.Commit("main work", map[string]string{"a.txt": strings.Repeat("a", i+2) + "\n"})
	}
	fork = origin.Git("rev-parse", "HEAD~3")
	base = origin.Git("rev-parse", "HEAD")
	origin.Git("checkout", "-q", "-b", "feature", fork)
	origin.Commit("feature 1", map[string]string{"b.txt": "b\n"})
	head = origin.Commit("feature 2", map[string]string{"b.txt": "bb\n"})
	origin.Git("checkout", "-q", "main")

	clone = &gittest.Repo{T: t, Dir: filepath.Join(t.TempDir(), "clone")}
	if out, err := (&gittest.Repo{T: t, Dir: origin.Dir}).TryGit("clone", "-q", "--depth=1", "--branch", "feature", "file://"+origin.Dir, clone.Dir); err != nil {
		t.Fatalf("clone: %v %s", err, out)
	}
	return origin, clone, fork, base, head
}

// TestEnsureHistoryShallow clones with depth 1, as actions/checkout does,
// and checks that the base and the merge base are fetched.
func TestEnsureHistoryShallow(t *testing.T) {
	gittest.Hermetic(t)
	ctx := context.Background()
	_, clone, fork, base, head := shallowSetup(t)
	if hasCommit(ctx, clone.Dir, base) || !isShallow(ctx, clone.Dir) {
		t.Fatal("the clone is not shallow")
	}
	var log strings.Builder
	if err := EnsureHistory(ctx, clone.Dir, "origin", base, head, &log); err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if mb := clone.Git("merge-base", base, head); mb != fork {
		t.Errorf("merge base %s, want %s", mb, fork)
	}
	if !strings.Contains(log.String(), "fetching "+base[:12]) {
		t.Errorf("log: %s", log.String())
	}
	// Ancestry and commit times from the clone.
	anc := GitAncestry(ctx, clone.Dir)
	if is, known := anc(fork, head); !is || !known {
		t.Errorf("fork point not an ancestor of head: %v %v", is, known)
	}
	if is, known := anc(head, base); is || !known {
		t.Errorf("head an ancestor of base: %v %v", is, known)
	}
	if _, known := anc(head, strings.Repeat("1", 40)); known {
		t.Error("unknown commit gave a known answer")
	}
	if CommitTime(ctx, clone.Dir, head) == 0 {
		t.Error("no commit time")
	}

	// Without a remote to fetch from, the error says what depth to use.
	lone := gittest.New(t)
	lone.Commit("one", map[string]string{"x": "1\n"})
	err := EnsureHistory(ctx, lone.Dir, "origin", base, lone.Git("rev-parse", "HEAD"), nil)
	if err == nil || !strings.Contains(err.Error(), "fetch-depth: 0") {
		t.Errorf("err %v", err)
	}
}

// TestEnsureHistoryTooShallowSaysSo: a shallow clone whose remote cannot
// deepen it any further (the base was fetched at depth 1 from a remote
// that no longer serves more) ends with the shallow-history advice, not
// with "object not found".
func TestEnsureHistoryTooShallowSaysSo(t *testing.T) {
	gittest.Hermetic(t)
	ctx := context.Background()
	_, clone, _, base, head := shallowSetup(t)
	clone.Git("fetch", "-q", "--depth=1", "origin", base)
	clone.Git("remote", "set-url", "origin", filepath.Join(t.TempDir(), "gone.git"))
	err := EnsureHistory(ctx, clone.Dir, "origin", base, head, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "fetch-depth: 0") {
		t.Fatalf("err = %v, want the fetch-depth advice", err)
	}
	// The repository itself says the same through gitx.
	repo, err := gitx.Open(clone.Dir)
	if err != nil {
		t.Fatal(err)
	}
	defer repo.Close()
	if _, err := repo.MergeBase(base, head); !errors.Is(err, gitx.ErrShallow) || !strings.Contains(err.Error(), "history too shallow: run git fetch --deepen=N (or fetch-depth: 0 in actions/checkout)") {
		t.Errorf("MergeBase in the shallow clone: %v, want ErrShallow", err)
	}
}

// TestFetchIsCancelledByTheContext: the Action's timeout must end a fetch
// from a server that accepts the connection and never answers.
func TestFetchIsCancelledByTheContext(t *testing.T) {
	gittest.Hermetic(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		var held []net.Conn // accept and stall: never read, never answer
		defer func() {
			for _, c := range held {
				c.Close()
			}
		}()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	r := gittest.New(t)
	r.Commit("one", map[string]string{"x": "1\n"})
	r.Git("remote", "add", "origin", "http://"+ln.Addr().String()+"/repo.git")
	missing := strings.Repeat("ab", 20)

	for name, run := range map[string]func(ctx context.Context) error{
		"EnsureHistory": func(ctx context.Context) error {
			return EnsureHistory(ctx, r.Dir, "origin", "", missing, io.Discard)
		},
		"ResolveBase": func(ctx context.Context) error {
			_, err := ResolveBase(ctx, r.Dir, "origin", "release")
			return err
		},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		done := make(chan error, 1)
		go func() { done <- run(ctx) }()
		select {
		case err := <-done:
			if !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("%s: err = %v, want one wrapping context.DeadlineExceeded", name, err)
			}
		case <-time.After(2 * time.Minute):
			t.Fatalf("%s: the fetch from a stalled server outlived its context", name)
		}
		cancel()
	}
}

// TestResolveBaseUsesGitSemantics: a base-ref names a commit exactly as
// git reads it, or is an error.
func TestResolveBaseUsesGitSemantics(t *testing.T) {
	gittest.Hermetic(t)
	ctx := context.Background()
	r := gittest.New(t)
	first := r.Commit("one", map[string]string{"README.md": "x\n"})
	second := r.Commit("two", map[string]string{"README.md": "y\n"})
	for ref, want := range map[string]string{"main": second, "HEAD~1": first, "HEAD@{1}": first, first: first} {
		if got, err := ResolveBase(ctx, r.Dir, "origin", ref); err != nil || got != want {
			t.Errorf("ResolveBase(%q) = %s, %v; want %s", ref, got, err, want)
		}
	}
	for _, bad := range []string{"", "HEAD:README.md", "HEAD^{tree}", "--all", "main@{5}"} {
		if got, err := ResolveBase(ctx, r.Dir, "origin", bad); err == nil || !errors.Is(err, gitx.ErrBadRevision) {
			t.Errorf("ResolveBase(%q) = %s, %v; want a bad-revision error", bad, got, err)
		}
	}
}
