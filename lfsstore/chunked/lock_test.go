package chunked

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
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
	l := &objectLocker{b: noLock{d}, now: time.Now}
	ctx := context.Background()
	_, un1, err := l.Lock(ctx, false)
	if err != nil {
		t.Fatal(err)
	}
	_, un2, err := l.Lock(ctx, false) // shared locks coexist
	if err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 150*time.Millisecond)
	if _, _, err := l.Lock(short, true); err == nil {
		t.Fatal("exclusive lock taken while shared locks are held")
	}
	cancel()
	un1()
	un2()
	_, unx, err := l.Lock(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	short, cancel = context.WithTimeout(ctx, 150*time.Millisecond)
	if _, _, err := l.Lock(short, false); err == nil {
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
	_, un, err := l.Lock(short, false)
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

// writeLock puts a lock blob holding written (by its holder's clock) and
// gives the file the modification time mod (the object store's clock).
func writeLock(t *testing.T, d *Dir, name string, written, mod time.Time) {
	t.Helper()
	if err := d.PutBytes(context.Background(), name, []byte(written.UTC().Format(time.RFC3339Nano))); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(d.Root(), filepath.FromSlash(name))
	if err := os.Chtimes(p, mod, mod); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Delete(context.Background(), name) })
}

// A lock's age is the time its holder wrote in it, not the object store's
// modification time: a store whose clock is behind the machines' used to
// make every live lock look stale, so gc ran beside uploads.
func TestLockAgeByWrittenTime(t *testing.T) {
	d, err := NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	l := &objectLocker{b: noLock{d}, now: time.Now}
	now := time.Now()
	short := func() context.Context {
		ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
		t.Cleanup(cancel)
		return ctx
	}
	// Live holder, store clock 10 minutes behind: still excludes.
	writeLock(t, d, "locks/shared-live", now, now.Add(-10*time.Minute))
	if _, _, err := l.Lock(short(), true); err == nil {
		t.Fatal("exclusive lock taken beside a live shared lock whose blob the store dated 10 minutes back")
	}
	d.Delete(context.Background(), "locks/shared-live")
	// Crashed holder, store clock ahead: stale by what it wrote.
	writeLock(t, d, "locks/exclusive-dead", now.Add(-2*lockStale), now.Add(time.Minute))
	ctx, unlock, err := l.Lock(short(), false)
	if err != nil {
		t.Fatalf("a lock its holder last wrote %v ago still blocks: %v", 2*lockStale, err)
	}
	if ctx.Err() != nil {
		t.Fatal("fresh lock's context is done")
	}
	unlock()
}

// failingBackend fails (or hangs) writes of lock and lease blobs once
// switched on: a refresh that cannot reach the store.
type failingBackend struct {
	Backend
	prefix     string // "locks/" or "leases/"
	fail, hang atomic.Bool
}

func (f *failingBackend) PutBytes(ctx context.Context, name string, data []byte) error {
	if strings.HasPrefix(name, f.prefix) {
		if f.hang.Load() {
			<-ctx.Done()
			return ctx.Err()
		}
		if f.fail.Load() {
			return errors.New("simulated network failure")
		}
	}
	return f.Backend.PutBytes(ctx, name, data)
}

// A holder whose refresh fails, or hangs, loses its lock at once: its
// context is cancelled long before others could take the lock for stale.
func TestLockRefreshFailureCancelsHolder(t *testing.T) {
	defer func(r, s time.Duration) { lockRefresh, lockStale = r, s }(lockRefresh, lockStale)
	lockRefresh, lockStale = 20*time.Millisecond, 2*time.Second
	d, err := NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, mode := range []string{"fail", "hang"} {
		fb := &failingBackend{Backend: noLock{d}, prefix: "locks/"}
		l := &objectLocker{b: fb, now: time.Now}
		ctx, unlock, err := l.Lock(context.Background(), true)
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		if mode == "fail" {
			fb.fail.Store(true)
		} else {
			fb.hang.Store(true)
		}
		select {
		case <-ctx.Done():
		case <-time.After(lockStale):
			t.Fatalf("%s: holder still runs after %v without a refresh", mode, lockStale)
		}
		if lost := time.Since(start); lost >= lockStale/2+lockRefresh {
			t.Errorf("%s: lock lost after %v; it must go within lockStale/2 of the last refresh", mode, lost)
		}
		t.Logf("%s: lock lost: %v", mode, context.Cause(ctx))
		fb.fail.Store(false)
		fb.hang.Store(false)
		unlock()
	}
}

// An upload whose lease cannot be refreshed fails and stores nothing: gc
// may already take its packs for unused.
func TestLeaseLapseFailsUpload(t *testing.T) {
	defer func(r, s time.Duration) { lockRefresh, lockStale = r, s }(lockRefresh, lockStale)
	lockRefresh, lockStale = 20*time.Millisecond, 2*time.Second
	d, err := NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	fb := &failingBackend{Backend: noLock{d}, prefix: "leases/"}
	s, err := Open(context.Background(), fb, smallConfig())
	if err != nil {
		t.Fatal(err)
	}
	c := storetest.Content(40, 3<<20)
	leases := make(chan context.Context, 64)
	s.onLease = func(ctx context.Context, _ []PackID) { leases <- ctx }
	release := make(chan struct{})
	r := &stallReader{data: c, stallAt: 3 << 19, started: make(chan struct{}), release: release}
	putErr := make(chan error, 1)
	go func() { putErr <- s.Put(context.Background(), storetest.Object(c), int64(len(c)), r) }()
	lease := <-leases // the upload holds a lease on its first new pack
	fb.fail.Store(true)
	<-r.started
	<-lease.Done() // the next refresh fails: the lease lapses
	select {
	case err := <-putErr:
		t.Fatalf("upload ended while its reader was stalled: %v", err)
	default:
	}
	close(release)
	err = <-putErr
	if err == nil {
		t.Fatal("an upload whose lease lapsed was acknowledged")
	}
	t.Logf("upload after its lease lapsed: %v", err)
	if _, err := s.Stat(context.Background(), storetest.Object(c)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the object is visible: %v", err)
	}
}

// FuzzParseLease: lease blobs come from other processes (and from whoever
// can write to the bucket): never a panic, and what parses re-encodes to
// an equivalent lease.
func FuzzParseLease(f *testing.F) {
	l := &lease{packs: []PackID{{1}, {2}}}
	f.Add(l.encode(time.Unix(1e9, 5).UTC()))
	f.Add([]byte(leaseMagic + "time 2026-01-01T00:00:00Z\n"))
	f.Add([]byte(leaseMagic + "pack 00\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		tm, packs, err := parseLease(b)
		if err != nil {
			return
		}
		again := (&lease{packs: packs}).encode(tm)
		tm2, packs2, err := parseLease(again)
		if err != nil || !tm2.Equal(tm) || !slices.Equal(packs, packs2) {
			t.Fatalf("re-encoded lease %q parses to %v %v %v", again, tm2, packs2, err)
		}
	})
}
