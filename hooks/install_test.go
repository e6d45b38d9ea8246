package hooks

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitEnv is a hermetic environment: no GIT_* from the caller, a private
// HOME (git lfs install writes the global config there), fixed identity.
func gitEnv(t *testing.T, home string) []string {
	t.Helper()
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GIT_") || k == "HOME" || k == "XDG_CONFIG_HOME" || strings.HasPrefix(k, "REPRO_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "HOME="+home, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com",
		"GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com",
		"GIT_AUTHOR_DATE=2024-01-01T00:00:00Z", "GIT_COMMITTER_DATE=2024-01-01T00:00:00Z")
}

type repo struct {
	t    *testing.T
	dir  string
	home string
	env  []string
}

func newRepo(t *testing.T) *repo {
	t.Helper()
	base := t.TempDir()
	r := &repo{t: t, dir: filepath.Join(base, "repo"), home: filepath.Join(base, "home")}
	os.MkdirAll(r.home, 0o755)
	r.env = gitEnv(t, r.home)
	r.git("init", "-q", "-b", "main", r.dir)
	return r
}

// run runs a command in the repo and returns its combined output and error.
func (r *repo) run(extraEnv []string, name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = r.dir
	if _, err := os.Stat(r.dir); err != nil {
		cmd.Dir = filepath.Dir(r.dir)
	}
	cmd.Env = append(append([]string{}, r.env...), extraEnv...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (r *repo) git(args ...string) string {
	r.t.Helper()
	out, err := r.run(nil, "git", args...)
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

func (r *repo) write(rel, content string) {
	r.t.Helper()
	p := filepath.Join(r.dir, rel)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *repo) hooksDir() string {
	r.t.Helper()
	d, err := Dir(context.Background(), r.dir)
	if err != nil {
		r.t.Fatal(err)
	}
	return d
}

// snapshot records every file of a directory: name -> mode + content (or
// link target), so tests can assert byte-for-byte restoration.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	ents, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		p := filepath.Join(dir, e.Name())
		st, _ := os.Lstat(p)
		if st.Mode()&os.ModeSymlink != 0 {
			target, _ := os.Readlink(p)
			out[e.Name()] = "symlink -> " + target
			continue
		}
		b, _ := os.ReadFile(p)
		out[e.Name()] = st.Mode().String() + "\n" + string(b)
	}
	return out
}

func sameSnapshot(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d files, want %d:\ngot  %v\nwant %v", what, len(got), len(want), keys(got), keys(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %s differs:\n got %q\nwant %q", what, k, got[k], v)
		}
	}
}

func keys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

func TestDirHonoursHooksPath(t *testing.T) {
	r := newRepo(t)
	os.MkdirAll(filepath.Join(r.dir, "sub", "deeper"), 0o755)
	d, err := Dir(context.Background(), filepath.Join(r.dir, "sub", "deeper"))
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(r.dir, ".git", "hooks"); d != want {
		t.Errorf("Dir = %q, want %q", d, want)
	}
	r.git("config", "core.hooksPath", ".githooks")
	d, err = Dir(context.Background(), filepath.Join(r.dir, "sub"))
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(r.dir, ".githooks"); d != want {
		t.Errorf("Dir with relative core.hooksPath = %q, want %q", d, want)
	}
	if _, err := Dir(context.Background(), t.TempDir()); err == nil {
		t.Error("Dir outside a repository: no error")
	}
}

func TestInstallFreshIdempotentUninstall(t *testing.T) {
	r := newRepo(t)
	dir := r.hooksDir()
	before := snapshot(t, dir)
	opts := Options{Dir: dir, Hooks: []string{"pre-commit", "pre-push"}, Binary: "/opt/it's here/git-repro"}
	ch, err := Install(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range ch {
		if c.Action != ActionInstalled || c.Chained != "" {
			t.Errorf("first install: %v", c)
		}
		st, err := os.Stat(c.Path)
		if err != nil || st.Mode().Perm() != 0o755 {
			t.Errorf("%s: mode %v, err %v", c.Path, st.Mode(), err)
		}
		b, _ := os.ReadFile(c.Path)
		if !IsOurs(b) || !bytes.Contains(b, []byte(`repro_recorded='/opt/it'\''s here/git-repro'`)) {
			t.Errorf("%s: not our script with the recorded binary:\n%s", c.Path, b)
		}
	}
	after := snapshot(t, dir)
	ch, err = Install(opts)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range ch {
		if c.Action != ActionUnchanged {
			t.Errorf("second install: %v", c)
		}
	}
	sameSnapshot(t, "after second install", snapshot(t, dir), after)

	opts.Binary = "/usr/local/bin/git-repro"
	ch, _ = Install(opts)
	if ch[0].Action != ActionUpdated {
		t.Errorf("install with a new binary: %v", ch[0])
	}

	if _, err := Uninstall(dir, nil); err != nil {
		t.Fatal(err)
	}
	sameSnapshot(t, "after uninstall", snapshot(t, dir), before)
	ch, err = Uninstall(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range ch {
		if c.Action != ActionAbsent {
			t.Errorf("second uninstall: %v", c)
		}
	}
	sameSnapshot(t, "after second uninstall", snapshot(t, dir), before)
}

func TestInstallChainsForeignHooksAndRestoresThem(t *testing.T) {
	r := newRepo(t)
	dir := r.hooksDir()
	// A foreign executable pre-commit with an unusual mode, and a symlink
	// pre-push, as husky-style setups have.
	os.WriteFile(filepath.Join(dir, "pre-commit"), []byte("#!/bin/sh\necho theirs\n"), 0o750)
	os.Chmod(filepath.Join(dir, "pre-commit"), 0o750)
	os.WriteFile(filepath.Join(dir, "shared-push"), []byte("#!/bin/sh\nexit 0\n"), 0o755)
	os.Symlink("shared-push", filepath.Join(dir, "pre-push"))
	before := snapshot(t, dir)

	for i := 0; i < 2; i++ {
		ch, err := Install(Options{Dir: dir, Hooks: []string{"pre-commit", "pre-push"}})
		if err != nil {
			t.Fatal(err)
		}
		want := ActionChained
		if i == 1 {
			want = ActionUnchanged
		}
		for _, c := range ch {
			if c.Action != want || c.Chained != c.Path+ChainSuffix {
				t.Errorf("install #%d: %v, want %s chaining %s", i+1, c, want, c.Path+ChainSuffix)
			}
		}
	}
	if got := snapshot(t, dir)["pre-commit"+ChainSuffix]; got != before["pre-commit"] {
		t.Errorf("chained pre-commit changed: %q", got)
	}
	if got := snapshot(t, dir)["pre-push"+ChainSuffix]; got != "symlink -> shared-push" {
		t.Errorf("chained pre-push is %q, want the symlink", got)
	}
	st := Status(dir)
	if st[0].Action != ActionInstalled || st[0].Chained == "" {
		t.Errorf("status: %v", st)
	}
	if _, err := Uninstall(dir, nil); err != nil {
		t.Fatal(err)
	}
	sameSnapshot(t, "after uninstall", snapshot(t, dir), before)
}

func TestInstallRefusesWhenOursWasReplacedAfterChaining(t *testing.T) {
	r := newRepo(t)
	dir := r.hooksDir()
	os.WriteFile(filepath.Join(dir, "pre-commit"), []byte("#!/bin/sh\necho one\n"), 0o755)
	if _, err := Install(Options{Dir: dir, Hooks: []string{"pre-commit"}}); err != nil {
		t.Fatal(err)
	}
	// Another tool overwrites our script.
	os.WriteFile(filepath.Join(dir, "pre-commit"), []byte("#!/bin/sh\necho two\n"), 0o755)
	_, err := Install(Options{Dir: dir, Hooks: []string{"pre-commit"}})
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("install over a replaced hook: err = %v, want a refusal", err)
	}
	// Uninstall leaves the new foreign hook and keeps the different chained one.
	ch, err := Uninstall(dir, []string{"pre-commit"})
	if err != nil || ch[0].Action != ActionForeign || ch[0].Chained == "" {
		t.Fatalf("uninstall: %v %v", ch, err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "pre-commit")); string(b) != "#!/bin/sh\necho two\n" {
		t.Errorf("foreign hook touched: %q", b)
	}
}

func TestInstallCreatesAndRemovesHooksPathDir(t *testing.T) {
	r := newRepo(t)
	r.git("config", "core.hooksPath", "tools/hooks")
	dir := r.hooksDir()
	ch, err := Install(Options{Dir: dir, Hooks: []string{"pre-commit"}})
	if err != nil || ch[0].Action != ActionInstalled {
		t.Fatalf("install: %v %v", ch, err)
	}
	if _, err := os.Stat(filepath.Join(r.dir, "tools", "hooks", "pre-commit")); err != nil {
		t.Fatal(err)
	}
	// Re-installing keeps the "created" note so uninstall still cleans up.
	if _, err := Install(Options{Dir: dir, Hooks: []string{"pre-commit"}, Binary: "/x"}); err != nil {
		t.Fatal(err)
	}
	if _, err := Uninstall(dir, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("hooks dir created by install still there after uninstall: %v", err)
	}
	if _, err := os.Stat(filepath.Join(r.dir, "tools")); err != nil {
		t.Errorf("parent of the hooks dir removed: %v", err)
	}
}

func TestInstallRejectsUnknownHook(t *testing.T) {
	if _, err := Install(Options{Dir: t.TempDir(), Hooks: []string{"post-commit"}}); err == nil {
		t.Error("no error for an unsupported hook")
	}
}
