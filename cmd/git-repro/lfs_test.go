package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func goBuild(t *testing.T, dir, name, pkg string) string {
	t.Helper()
	bin := filepath.Join(dir, name)
	if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin
}

func run(t *testing.T, path string, exe string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), "PATH="+path)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

// "git repro lfs ..." runs git-repro-lfs: the one beside git-repro first,
// else the one on PATH, with its exit status; without one, a message that
// says how to install it.
func TestLFSRunsGitReproLFS(t *testing.T) {
	both, alone := t.TempDir(), t.TempDir()
	goBuild(t, both, "git-repro-lfs", "../git-repro-lfs")
	beside := goBuild(t, both, "git-repro", ".")
	lonely := filepath.Join(alone, "git-repro")
	if b, err := os.ReadFile(beside); err != nil || os.WriteFile(lonely, b, 0o755) != nil {
		t.Fatalf("copy git-repro: %v", err)
	}
	sys := os.Getenv("PATH")

	if out, errs, code := run(t, sys, beside, "lfs", "version"); code != 0 || !strings.HasPrefix(out, "git-repro-lfs ") {
		t.Errorf("beside: exit %d, %q %q", code, out, errs)
	}
	if out, errs, code := run(t, both+string(os.PathListSeparator)+sys, lonely, "lfs", "version"); code != 0 || !strings.HasPrefix(out, "git-repro-lfs ") {
		t.Errorf("on PATH: exit %d, %q %q", code, out, errs)
	}
	// Exit codes and stderr are git-repro-lfs's own.
	if _, errs, code := run(t, sys, beside, "lfs", "fsck"); code != ExitUsage || !strings.Contains(errs, "missing --root") {
		t.Errorf("lfs fsck without --root: exit %d, %q", code, errs)
	}
	_, errs, code := run(t, filepath.Dir(goPath(t)), lonely, "lfs", "serve")
	if code != ExitFailure || !strings.Contains(errs, "git-repro-lfs binary, which is not installed") || !strings.Contains(errs, `go install ./cmd/...`) {
		t.Errorf("missing git-repro-lfs: exit %d, %q", code, errs)
	}

	// In-process (tests' streams): a child process on the CLI's streams.
	t.Setenv("PATH", both)
	var out, errb bytes.Buffer
	c := &CLI{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: os.Getenv}
	if code := c.Main([]string{"git-repro", "lfs", "version"}); code != 0 || !strings.HasPrefix(out.String(), "git-repro-lfs ") {
		t.Errorf("in-process: exit %d, %q %q", code, out.String(), errb.String())
	}
}

func goPath(t *testing.T) string {
	p, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	return p
}
