package chunked

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

// noLock hides Dir's flock so the store uses lock objects, as on S3.
type noLock struct{ Backend }

func TestObjectLocker(t *testing.T) {
	d, err := NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	l := &objectLocker{b: noLock{d}}
	ctx := context.Background()
	un1, err := l.Lock(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	un2, err := l.Lock(ctx, false) // shared locks coexist
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 150*time.Millisecond)
	if _, err := l.Lock(short, true); err == nil {
		t.Fatal("exclusive lock taken while shared locks are held")
	}
	cancel()
	un1()
	un2()
	unx, err := l.Lock(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	short, cancel = context.WithTimeout(ctx, 150*time.Millisecond)
	if _, err := l.Lock(short, false); err == nil {
		t.Fatal("shared lock taken while an exclusive lock is held")
	}
	cancel()
	unx()
	var left []string
	d.List(ctx, "locks/", func(b Blob) error { left = append(left, b.Name); return nil })
	if len(left) != 0 {
		t.Errorf("lock objects left after unlocking: %q", left)
	}

	// A lock object of a crashed process goes stale and stops blocking.
	stale := filepath.Join(d.Root(), "locks", "exclusive-deadbeef")
	os.MkdirAll(filepath.Dir(stale), 0o755)
	os.WriteFile(stale, []byte("old"), 0o644)
	old := time.Now().Add(-2 * lockStale)
	os.Chtimes(stale, old, old)
	short, cancel = context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	un, err := l.Lock(short, false)
	if err != nil {
		t.Fatalf("a stale exclusive lock still blocks: %v", err)
	}
	un()
}

func newLockObjectStore(t *testing.T) *Store {
	d, err := NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), noLock{d}, smallConfig())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := s.locker.(*objectLocker); !ok {
		t.Fatalf("store uses %T, want lock objects", s.locker)
	}
	return s
}

// The whole store, gc included, on lock objects instead of flock.
func TestConformanceWithLockObjects(t *testing.T) {
	storetest.Run(t, func(t *testing.T) lfsstore.Store { return newLockObjectStore(t) })
}

func TestGCWithLockObjects(t *testing.T) {
	uploadStartedBeforeGC(t, newLockObjectStore(t))
}
