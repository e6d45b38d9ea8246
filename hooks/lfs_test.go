package hooks

import (
	"os/exec"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/internal/testenv"
)

// These tests run the real git-lfs client against our installer, in both
// orders, to show that neither side silently loses the other's hooks.

var lfsHooks = []string{"pre-push", "post-checkout", "post-commit", "post-merge"}

func needLFS(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git-lfs"); err != nil {
		testenv.Missing(t, "git-lfs not installed")
	}
}

func TestLFSInstalledFirstIsChained(t *testing.T) {
	needLFS(t)
	r := newRepo(t)
	r.git("lfs", "install")
	dir := r.hooksDir()
	lfsState := snapshot(t, dir)
	for _, h := range lfsHooks {
		if _, ok := lfsState[h]; !ok {
			t.Fatalf("git lfs install wrote no %s hook: %v", h, keys(lfsState))
		}
	}
	ch, err := Install(Options{Dir: dir, Hooks: []string{"pre-commit", "pre-push"}})
	if err != nil {
		t.Fatal(err)
	}
	if ch[0].Action != ActionInstalled || ch[1].Action != ActionChained {
		t.Fatalf("install: %v", ch)
	}
	ours := snapshot(t, dir)

	// git lfs install again (setup scripts do this) refuses loudly and
	// shows our header, which says how to re-chain; nothing of ours is lost.
	out, err := r.run(nil, "git", "lfs", "install")
	if err == nil {
		t.Fatalf("git lfs install over our pre-push succeeded silently:\n%s", out)
	}
	for _, want := range []string{"Hook already exists: pre-push", "git lfs update --force && git repro install --pre-push"} {
		if !strings.Contains(out, want) {
			t.Errorf("git lfs install output lacks %q:\n%s", want, out)
		}
	}
	sameSnapshot(t, "after a second git lfs install", snapshot(t, dir), ours)

	if _, err := Uninstall(dir, nil); err != nil {
		t.Fatal(err)
	}
	sameSnapshot(t, "after uninstall", snapshot(t, dir), lfsState)
	// git-lfs recognises its hooks again.
	if out, err := r.run(nil, "git", "lfs", "install"); err != nil {
		t.Errorf("git lfs install after uninstall: %v\n%s", err, out)
	}
}

func TestLFSInstalledAfterUs(t *testing.T) {
	needLFS(t)
	r := newRepo(t)
	dir := r.hooksDir()

	// pre-commit only (the default): git-lfs never touches pre-commit.
	if _, err := Install(Options{Dir: dir, Hooks: []string{"pre-commit"}}); err != nil {
		t.Fatal(err)
	}
	if out, err := r.run(nil, "git", "lfs", "install"); err != nil {
		t.Fatalf("git lfs install after our pre-commit: %v\n%s", err, out)
	}
	st := Status(dir)
	if st[0].Action != ActionInstalled {
		t.Fatalf("our pre-commit after git lfs install: %v", st[0])
	}
	withLFS := snapshot(t, dir)
	if _, err := Uninstall(dir, nil); err != nil {
		t.Fatal(err)
	}
	for _, h := range lfsHooks {
		if got := snapshot(t, dir)[h]; got != withLFS[h] {
			t.Errorf("uninstall changed git-lfs's %s", h)
		}
	}

	// pre-push first: git lfs install refuses, says so, and our hook stays.
	r2 := newRepo(t)
	dir2 := r2.hooksDir()
	if _, err := Install(Options{Dir: dir2, Hooks: []string{"pre-push"}}); err != nil {
		t.Fatal(err)
	}
	out, err := r2.run(nil, "git", "lfs", "install")
	if err == nil || !strings.Contains(out, "git repro install --pre-push") {
		t.Fatalf("git lfs install after our pre-push: err=%v\n%s", err, out)
	}
	if Status(dir2)[1].Action != ActionInstalled {
		t.Fatal("our pre-push lost")
	}
	// Following the advice in our header chains git-lfs's hook.
	if out, err := r2.run(nil, "git", "lfs", "update", "--force"); err != nil {
		t.Fatalf("git lfs update --force: %v\n%s", err, out)
	}
	lfsOnly := snapshot(t, dir2)
	ch, err := Install(Options{Dir: dir2, Hooks: []string{"pre-push"}})
	if err != nil || ch[0].Action != ActionChained {
		t.Fatalf("re-install after git lfs update --force: %v %v", ch, err)
	}
	if _, err := Uninstall(dir2, nil); err != nil {
		t.Fatal(err)
	}
	sameSnapshot(t, "after uninstall", snapshot(t, dir2), lfsOnly)
}
