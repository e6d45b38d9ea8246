//go:build unix

package hooks

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// TestInstallNeverReadsAFIFO: core.hooksPath may point into the
// repository, so a hook "file" can be anything a commit can make it. A
// FIFO there is a foreign hook to chain, not something to read (which
// would block forever).
func TestInstallNeverReadsAFIFO(t *testing.T) {
	r := newRepo(t)
	dir := r.hooksDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "pre-commit"), 0o755); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		ch, err := Install(Options{Dir: dir, Hooks: []string{"pre-commit"}})
		if err == nil && ch[0].Action != ActionChained {
			t.Errorf("install over a FIFO: %v", ch[0])
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		t.Fatal("install blocked reading a FIFO hook")
	}
	if st, err := os.Lstat(filepath.Join(dir, "pre-commit"+ChainSuffix)); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was not chained unchanged: %v %v", st, err)
	}
}
