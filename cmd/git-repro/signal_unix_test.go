//go:build unix

package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/git-repro/git-repro/internal/gittest"
)

// TestInterruptKillsGit: git runs in its own process group (so that a
// cancelled run can kill git and its helpers together), which means a
// terminal's Ctrl-C reaches only git-repro. git-repro must then cancel
// its run: the git it is waiting for dies and git-repro exits 130, as a
// shell reports an interrupted command. A git that never answers stands
// in for a slow one.
func TestInterruptKillsGit(t *testing.T) {
	dir := t.TempDir()
	bin := goBuild(t, dir, "git-repro", ".")
	r := gittest.New(t)
	r.Commit("base", map[string]string{"train.py": "print(1)\n"})

	fake := filepath.Join(dir, "fakebin")
	pidFile := filepath.Join(dir, "git.pid")
	if err := os.MkdirAll(fake, 0o755); err != nil {
		t.Fatal(err)
	}
	script := "#!/bin/sh\necho $$ > " + pidFile + ".tmp && mv " + pidFile + ".tmp " + pidFile + "\nexec sleep 300\n"
	if err := os.WriteFile(filepath.Join(fake, "git"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "check", "--base", "HEAD")
	cmd.Dir = r.Dir
	cmd.Env = append(gittest.Env(t), "PATH="+fake+":"+os.Getenv("PATH"))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()

	// Wait for the event: the fake git has started and written its pid.
	var gitPID int
	for deadline := time.Now().Add(30 * time.Second); gitPID == 0; {
		if b, err := os.ReadFile(pidFile); err == nil {
			gitPID, _ = strconv.Atoi(strings.TrimSpace(string(b)))
			break
		}
		select {
		case err := <-done:
			t.Fatalf("git-repro ended before it ran git: %v", err)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			t.Fatal("git-repro never ran git")
		}
	}
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 130 {
			t.Errorf("after SIGINT git-repro ended with %v, want exit status 130", err)
		}
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("git-repro did not end after SIGINT")
	}
	// git's process (a process group of its own) is gone too.
	for deadline := time.Now().Add(10 * time.Second); syscall.Kill(gitPID, 0) == nil; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			_ = syscall.Kill(gitPID, syscall.SIGKILL)
			t.Fatal("the git that git-repro was waiting for outlived it")
		}
	}
}
