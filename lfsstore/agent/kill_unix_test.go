//go:build unix

package agent

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/git-repro/git-repro/lfsstore/storetest"
)

// TestAgentKilledMidUpload: an agent process killed with SIGKILL half-way
// through an upload leaves no visible object and no held lock; the next
// upload of the same object succeeds.
func TestAgentKilledMidUpload(t *testing.T) {
	storeDir := t.TempDir()
	storeURL := "file://" + storeDir
	dir := t.TempDir()
	content := storetest.Content(99, 4<<20)
	oid := storetest.Object(content)
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	exe, _ := os.Executable()
	cmd := exec.Command(exe, "lfs", "agent", "--store", storeURL)
	cmd.Env = append(os.Environ(), agentEnv+"=1")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(`{"event":"init","operation":"upload"}` + "\n" +
		mustJSON(map[string]any{"event": "upload", "oid": oid.String(), "size": len(content), "path": fifo}) + "\n")
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0) // blocks until the agent opens it
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(content[:len(content)/2]); err != nil {
		t.Fatal(err)
	}
	time.Sleep(200 * time.Millisecond) // let it ingest and spool the half
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	w.Close()
	if strings.Contains(out.String(), `"complete"`) {
		t.Fatalf("the killed agent completed the upload: %s", out.String())
	}

	s := open(t, storeDir)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := s.Stat(ctx, oid); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a half-uploaded object is visible: %v", err)
	}
	// The lock died with the process: a new upload goes through.
	if err := s.Put(ctx, oid, int64(len(content)), bytes.NewReader(content)); err != nil {
		t.Fatalf("upload after the kill: %v", err)
	}
	if size, err := s.Stat(ctx, oid); err != nil || size != int64(len(content)) {
		t.Fatalf("after re-upload: size %d, err %v", size, err)
	}
}
