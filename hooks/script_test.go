package hooks

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fakeRepro writes a stand-in for the git-repro binary that logs its
// arguments and standard input to log and exits with code.
func fakeRepro(t *testing.T, log string, code int) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "git-repro")
	script := "#!/bin/sh\n{ echo \"repro $*\"; sed 's/^/stdin: /'; } >> '" + log + "'\nexit " + string(rune('0'+code)) + "\n"
	if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func readLog(t *testing.T, p string) string {
	t.Helper()
	b, _ := os.ReadFile(p)
	os.Remove(p)
	return string(b)
}

func TestPreCommitScriptRunsCheckThenChainedHook(t *testing.T) {
	r := newRepo(t)
	dir := r.hooksDir()
	log := filepath.Join(t.TempDir(), "log")
	os.WriteFile(filepath.Join(dir, "pre-commit"), []byte("#!/bin/sh\necho \"chained $*\" >> '"+log+"'\n"), 0o755)
	okBin := fakeRepro(t, log, 0)
	if _, err := Install(Options{Dir: dir, Hooks: []string{"pre-commit"}, Binary: okBin}); err != nil {
		t.Fatal(err)
	}
	r.write("a.txt", "a\n")
	r.git("add", "a.txt")
	r.git("commit", "-q", "-m", "one")
	if got := readLog(t, log); got != "repro hook pre-commit\nchained \n" {
		t.Errorf("clean commit ran:\n%s", got)
	}

	// Our check fails: the commit is blocked and the chained hook does not run.
	failBin := fakeRepro(t, log, 1)
	r.write("b.txt", "b\n")
	r.git("add", "b.txt")
	out, err := r.run([]string{"REPRO_BIN=" + failBin}, "git", "commit", "-q", "-m", "two")
	if err == nil {
		t.Fatalf("commit not blocked:\n%s", out)
	}
	if got := readLog(t, log); got != "repro hook pre-commit\n" {
		t.Errorf("failing check ran:\n%s", got)
	}

	// REPRO_SKIP=1 skips our check but still runs the chained hook.
	out, err = r.run([]string{"REPRO_BIN=" + failBin, "REPRO_SKIP=1"}, "git", "commit", "-q", "-m", "two")
	if err != nil {
		t.Fatalf("REPRO_SKIP=1 commit failed: %v\n%s", err, out)
	}
	if !strings.Contains(out, "REPRO_SKIP is set") {
		t.Errorf("skip not announced: %q", out)
	}
	if got := readLog(t, log); got != "chained \n" {
		t.Errorf("REPRO_SKIP commit ran:\n%s", got)
	}

	// --no-verify skips every pre-commit hook.
	r.write("c.txt", "c\n")
	r.git("add", "c.txt")
	if out, err := r.run([]string{"REPRO_BIN=" + failBin}, "git", "commit", "-q", "--no-verify", "-m", "three"); err != nil {
		t.Fatalf("--no-verify commit failed: %v\n%s", err, out)
	}
	if got := readLog(t, log); got != "" {
		t.Errorf("--no-verify ran hooks:\n%s", got)
	}
}

func TestScriptMissingBinaryMessage(t *testing.T) {
	r := newRepo(t)
	dir := r.hooksDir()
	gone := filepath.Join(t.TempDir(), "gone", "git-repro")
	if _, err := Install(Options{Dir: dir, Hooks: []string{"pre-commit"}, Binary: gone}); err != nil {
		t.Fatal(err)
	}
	r.write("a.txt", "a\n")
	r.git("add", "a.txt")
	// PATH without git-repro but with git.
	gitPath, _ := exec.LookPath("git")
	out, err := r.run([]string{"PATH=" + filepath.Dir(gitPath)}, "git", "commit", "-q", "-m", "x")
	if err == nil {
		t.Fatal("commit passed without the binary")
	}
	for _, want := range []string{"cannot find git-repro", gone + " is gone", "go install", "REPRO_SKIP=1", "git repro uninstall"} {
		if !strings.Contains(out, want) {
			t.Errorf("message lacks %q:\n%s", want, out)
		}
	}
}

func TestPrePushScriptPassesStdinToBoth(t *testing.T) {
	r := newRepo(t)
	remote := filepath.Join(filepath.Dir(r.dir), "remote.git")
	r.git("init", "-q", "--bare", remote)
	r.git("remote", "add", "origin", remote)
	dir := r.hooksDir()
	log := filepath.Join(t.TempDir(), "log")
	os.WriteFile(filepath.Join(dir, "pre-push"), []byte("#!/bin/sh\necho \"chained $*\" >> '"+log+"'\nsed 's/^/chained stdin: /' >> '"+log+"'\n"), 0o755)
	if _, err := Install(Options{Dir: dir, Hooks: []string{"pre-push"}, Binary: fakeRepro(t, log, 0)}); err != nil {
		t.Fatal(err)
	}
	r.write("a.txt", "a\n")
	r.git("add", "a.txt")
	r.git("commit", "-q", "-m", "one")
	head := strings.TrimSpace(r.git("rev-parse", "HEAD"))
	r.git("push", "-q", "origin", "main")
	line := "refs/heads/main " + head + " refs/heads/main " + ZeroOID
	want := "repro hook pre-push origin " + remote + "\nstdin: " + line + "\n" +
		"chained origin " + remote + "\nchained stdin: " + line + "\n"
	if got := readLog(t, log); got != want {
		t.Errorf("push ran:\n%s\nwant:\n%s", got, want)
	}
}

func TestParsePushRefs(t *testing.T) {
	in := "refs/heads/a " + strings.Repeat("1", 40) + " refs/heads/a " + ZeroOID + "\n\n" +
		"(delete) " + ZeroOID + " refs/heads/b " + strings.Repeat("2", 40) + "\n"
	refs, err := ParsePushRefs(strings.NewReader(in))
	if err != nil || len(refs) != 2 {
		t.Fatalf("ParsePushRefs: %v %v", refs, err)
	}
	if !refs[0].NewBranch() || refs[0].Deletes() || !refs[1].Deletes() || refs[1].NewBranch() {
		t.Errorf("flags wrong: %+v", refs)
	}
	if _, err := ParsePushRefs(strings.NewReader("a b c\n")); err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("malformed line: %v", err)
	}
}

func FuzzParsePushRefs(f *testing.F) {
	f.Add("refs/heads/a " + strings.Repeat("1", 40) + " refs/heads/a " + ZeroOID + "\n")
	f.Add("\n\n x y z w\n")
	f.Fuzz(func(t *testing.T, in string) {
		refs, err := ParsePushRefs(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, r := range refs {
			if !isHex(r.LocalOID) || !isHex(r.RemoteOID) || r.LocalRef == "" || r.RemoteRef == "" {
				t.Fatalf("accepted a bad line: %+v", r)
			}
		}
	})
}

// TestScriptBinaryOrder: the hook runs the git-repro that installed it,
// even when another git-repro comes first on PATH (a user who followed
// the README's install step, another project's pinned version); REPRO_BIN
// overrides both; PATH is the fallback when the recorded binary is gone.
func TestScriptBinaryOrder(t *testing.T) {
	r := newRepo(t)
	dir := r.hooksDir()
	log := filepath.Join(t.TempDir(), "log")
	named := func(name string) string {
		p := filepath.Join(t.TempDir(), "git-repro")
		script := "#!/bin/sh\necho \"" + name + " $*\" >> '" + log + "'\n"
		if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	recorded, onPath, override := named("recorded"), named("on-path"), named("override")
	if _, err := Install(Options{Dir: dir, Hooks: []string{"pre-commit"}, Binary: recorded}); err != nil {
		t.Fatal(err)
	}
	path := []string{"PATH=" + filepath.Dir(onPath) + string(os.PathListSeparator) + os.Getenv("PATH")}
	commit := func(name string, env ...string) {
		t.Helper()
		r.write(name, name+"\n")
		r.git("add", name)
		if out, err := r.run(append(path, env...), "git", "commit", "-q", "-m", name); err != nil {
			t.Fatalf("commit %s: %v\n%s", name, err, out)
		}
	}
	commit("a.txt")
	if got := readLog(t, log); got != "recorded hook pre-commit\n" {
		t.Errorf("with another git-repro first on PATH the hook ran:\n%s", got)
	}
	commit("b.txt", "REPRO_BIN="+override)
	if got := readLog(t, log); got != "override hook pre-commit\n" {
		t.Errorf("with REPRO_BIN set the hook ran:\n%s", got)
	}
	if err := os.Remove(recorded); err != nil {
		t.Fatal(err)
	}
	commit("c.txt")
	if got := readLog(t, log); got != "on-path hook pre-commit\n" {
		t.Errorf("with the recorded binary gone the hook ran:\n%s", got)
	}
}
