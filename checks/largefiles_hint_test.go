package checks

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/snapshot"
)

// The hint of REPRO-LARGE-003 fixes the index with the real git and
// git-lfs, also when the staged raw blob differs from both HEAD (a pointer)
// and the cleaned worktree file, where "git rm --cached" refuses.
func TestLFSRawHintWorks(t *testing.T) {
	if _, err := exec.LookPath("git-lfs"); err != nil {
		t.Skip("git-lfs not installed")
	}
	dir := t.TempDir()
	env := []string{"HOME=" + dir, "GIT_CONFIG_NOSYSTEM=1", "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.invalid",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.invalid", "PATH=" + os.Getenv("PATH")}
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	run("git", "init", "-q")
	run("git", "lfs", "install", "--local")
	if err := os.WriteFile(filepath.Join(dir, ".gitattributes"), []byte("*.bin filter=lfs diff=lfs merge=lfs -text\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	write := func(content string) {
		if err := os.WriteFile(filepath.Join(dir, "model.bin"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("first version of the weights")
	run("git", "add", ".gitattributes", "model.bin")
	run("git", "commit", "-q", "-m", "lfs")
	write("second version of the weights, added without the filter")
	run("git", "-c", "filter.lfs.clean=cat", "-c", "filter.lfs.process=", "-c", "filter.lfs.required=false", "add", "model.bin")
	if raw := run("git", "cat-file", "-p", ":model.bin"); strings.HasPrefix(raw, "version https://git-lfs") {
		t.Fatal("setup: the blob was staged as a pointer")
	}

	tree := &snapshot.MapTree{Content: map[string]string{"model.bin": "second version of the weights, added without the filter"},
		Attrs: map[string]map[string]string{"model.bin": {"filter": "lfs"}}}
	var hint string
	for _, f := range runFamily(t, largeFileRules, tree, nil) {
		if f.Rule == "REPRO-LARGE-003" {
			hint = f.Hint
		}
	}
	cmdline, _, _ := strings.Cut(hint, "  (")
	if cmdline == "" {
		t.Fatal("no REPRO-LARGE-003 hint")
	}
	run("sh", "-c", cmdline)
	if got := run("git", "cat-file", "-p", ":model.bin"); !strings.HasPrefix(got, "version https://git-lfs.github.com/spec/v1") {
		t.Fatalf("after %q the index holds %q, not an LFS pointer", cmdline, got)
	}
}

// The hint of REPRO-LARGE-001 moves a large file that was just staged (the
// pre-commit case: not in HEAD yet) into LFS with the real git and git-lfs.
func TestLargeBlobHintWorks(t *testing.T) {
	if _, err := exec.LookPath("git-lfs"); err != nil {
		t.Skip("git-lfs not installed")
	}
	dir := t.TempDir()
	env := []string{"HOME=" + dir, "GIT_CONFIG_NOSYSTEM=1", "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.invalid",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.invalid", "PATH=" + os.Getenv("PATH")}
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(args[0], args[1:]...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	run("git", "init", "-q")
	run("git", "lfs", "install", "--local")
	run("git", "commit", "-q", "--allow-empty", "-m", "init")
	if err := os.MkdirAll(filepath.Join(dir, "models"), 0o755); err != nil {
		t.Fatal(err)
	}
	big := strings.Repeat("weights ", 1<<20) // 8 MiB
	if err := os.WriteFile(filepath.Join(dir, "models", "model.pt"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	run("git", "add", "models/model.pt")

	tree := &snapshot.MapTree{Content: map[string]string{"models/model.pt": big}}
	var hint string
	for _, f := range runFamily(t, largeFileRules, tree, nil) {
		if f.Rule == "REPRO-LARGE-001" {
			hint = f.Hint
		}
	}
	cmdline, _, _ := strings.Cut(hint, "  (")
	if cmdline == "" {
		t.Fatal("no REPRO-LARGE-001 hint")
	}
	run("sh", "-c", cmdline)
	if got := run("git", "cat-file", "-p", ":models/model.pt"); !strings.HasPrefix(got, "version https://git-lfs.github.com/spec/v1") {
		t.Fatalf("after %q the index holds %.40q, not an LFS pointer", cmdline, got)
	}
}
