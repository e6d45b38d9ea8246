//go:build unix

package agent

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
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
// through an upload leaves no visible object and no held lock; what it
// left is reported as abandoned at once and removed; the next upload of
// the same object succeeds.
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
	cmd := exec.Command(exe, "agent", "--store", storeURL)
	cmd.Env = append(os.Environ(), agentEnv+"=1")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(`{"event":"init","operation":"upload"}` + "\n" +
		mustJSON(map[string]any{"event": "upload", "oid": oid.String(), "size": len(content), "path": fifo}) + "\n")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w, err := os.OpenFile(fifo, os.O_WRONLY, 0) // blocks until the agent opens it
	if err != nil {
		t.Fatal(err)
	}
	half := len(content) / 2
	if _, err := w.Write(content[:half]); err != nil {
		t.Fatal(err)
	}
	// Wait for the agent to report that it read the half (a stalled
	// transfer still reports how far it got), then kill it.
	var out bytes.Buffer
	sc := bufio.NewScanner(io.TeeReader(stdout, &out))
	for sc.Scan() {
		var ev struct {
			Event      string
			BytesSoFar int64
		}
		if json.Unmarshal(sc.Bytes(), &ev) == nil && ev.Event == "progress" && ev.BytesSoFar >= int64(half) {
			break
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	io.Copy(&out, stdout)
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
	// What it left (at least its lease) is reported as abandoned at
	// once, not after a day, and removed.
	left, err := s.Leftovers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, l := range left {
		kinds[l.Kind]++
		if l.InProgress {
			t.Errorf("the killed agent's %s %s is reported in progress", l.Kind, l.Name)
		}
	}
	if kinds["lease"] != 1 {
		t.Errorf("leftovers %+v: want the killed upload's lease", left)
	}
	t.Logf("left by the killed agent: %v", kinds)
	if removed, err := s.RemoveLeftovers(ctx); err != nil || len(removed) != len(left) {
		t.Errorf("RemoveLeftovers removed %d of %d: %v", len(removed), len(left), err)
	}
	if rest, err := s.Leftovers(ctx); err != nil || len(rest) != 0 {
		t.Errorf("after RemoveLeftovers: %+v, %v", rest, err)
	}
	// The lock died with the process: a new upload goes through.
	if err := s.Put(ctx, oid, int64(len(content)), bytes.NewReader(content)); err != nil {
		t.Fatalf("upload after the kill: %v", err)
	}
	if size, err := s.Stat(ctx, oid); err != nil || size != int64(len(content)) {
		t.Fatalf("after re-upload: size %d, err %v", size, err)
	}
}
