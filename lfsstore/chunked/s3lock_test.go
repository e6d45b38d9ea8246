package chunked_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/chunked"
	"github.com/git-repro/git-repro/lfsstore/s3"
	"github.com/git-repro/git-repro/lfsstore/s3/s3test"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

// The object-store lock and upload leases on a real S3 server
// (versitygw), with the failures of the security review: machines whose
// clocks disagree with the server's, and a refresh that cannot reach it.

// leaseFail fails writes of lease blobs once switched on.
type leaseFail struct {
	chunked.Backend
	fail atomic.Bool
}

func (f *leaseFail) PutBytes(ctx context.Context, name string, data []byte) error {
	if f.fail.Load() && strings.HasPrefix(name, "leases/") {
		return errors.New("simulated network failure")
	}
	return f.Backend.PutBytes(ctx, name, data)
}

type s3Fixture struct {
	ctx      context.Context
	b        *leaseFail
	s        *chunked.Store
	old      []byte
	oldPacks map[chunked.PackID]bool
}

func newS3Fixture(t *testing.T) *s3Fixture {
	srv := s3test.Start(t)
	raw, err := s3.New(context.Background(), s3.Options{
		Endpoint: srv.Endpoint, Region: "us-east-1", Bucket: srv.Bucket(t), Prefix: "lfs/",
		AccessKey: s3test.AccessKey, SecretKey: s3test.SecretKey, SpoolDir: t.TempDir(),
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := chunked.DefaultConfig()
	cfg.MinChunk, cfg.AvgChunk, cfg.MaxChunk = 1<<10, 4<<10, 16<<10
	cfg.PackSize = 256 << 10
	f := &s3Fixture{ctx: context.Background(), b: &leaseFail{Backend: raw}}
	if f.s, err = chunked.Open(f.ctx, f.b, &cfg); err != nil {
		t.Fatal(err)
	}
	f.old = storetest.Content(11, 2<<20+100<<10)
	oid := storetest.Object(f.old)
	if err := f.s.Put(f.ctx, oid, int64(len(f.old)), bytes.NewReader(f.old)); err != nil {
		t.Fatal(err)
	}
	ps, err := f.s.ManifestPacks(oid)
	if err != nil {
		t.Fatal(err)
	}
	f.oldPacks = map[chunked.PackID]bool{}
	for _, p := range ps {
		f.oldPacks[p] = true
	}
	return f
}

// stalled starts an upload of the old object's first 2 MiB plus new
// bytes that stalls after its first 1 MiB block, and returns once its
// lease names a pack of the old object, with the lease's context.
func (f *s3Fixture) stalled(t *testing.T, s *chunked.Store) (fresh []byte, lease context.Context, release func(), done chan error) {
	fresh = append(append([]byte{}, f.old[:2<<20]...), storetest.Content(12, 300<<10)...)
	leased := make(chan context.Context, 256)
	s.OnLease(func(ctx context.Context, ps []chunked.PackID) {
		if slices.ContainsFunc(ps, func(p chunked.PackID) bool { return f.oldPacks[p] }) {
			select {
			case leased <- ctx:
			default:
			}
		}
	})
	rel := make(chan struct{})
	pr, pw := io.Pipe()
	go func() {
		pw.Write(fresh[:3<<19])
		<-rel
		pw.Write(fresh[3<<19:])
		pw.Close()
	}()
	done = make(chan error, 1)
	go func() { done <- s.Put(f.ctx, storetest.Object(fresh), int64(len(fresh)), pr) }()
	return fresh, <-leased, func() { close(rel) }, done
}

// gcLater is gc run as if 30 days had passed since the old object was
// stored (S3 dates blobs itself), with nothing reachable.
func gcLater(ctx context.Context, s *chunked.Store) (chunked.GCReport, error) {
	return s.Collect(ctx, chunked.GCOptions{
		Live:  func(lfsstore.OID) bool { return false },
		Grace: 24 * time.Hour,
		Now:   func() time.Time { return time.Now().Add(30 * 24 * time.Hour) },
	})
}

// The machines' clocks run 10 minutes ahead of the S3 server's. gc used
// to compare the server's modification time of a lock with its own clock,
// took the upload's lock for stale and collected the packs the upload was
// reusing; judged by the time written in the lease, the lease is live.
func TestS3SkewedClockKeepsLeasedPacks(t *testing.T) {
	f := newS3Fixture(t)
	skewed := func() time.Time { return time.Now().Add(10 * time.Minute) }
	f.s.SetClock(skewed)
	fresh, _, release, done := f.stalled(t, f.s)
	gcStore, err := chunked.Open(f.ctx, f.b, nil)
	if err != nil {
		t.Fatal(err)
	}
	gcStore.SetClock(skewed)
	rep, err := gcLater(f.ctx, gcStore)
	if err != nil {
		t.Fatal(err)
	}
	if rep.PacksLeased == 0 || rep.ObjectsRemoved != 1 {
		t.Fatalf("gc beside a stalled upload: %+v, want the old object removed and the leased packs kept", rep)
	}
	release()
	if err := <-done; err != nil {
		t.Fatalf("upload after gc: %v", err)
	}
	chunked.ReadBack(t, gcStore, fresh)
}

// The upload's lease refresh fails: the upload is cancelled before gc
// could take the lease for dead, so nothing unreadable is acknowledged;
// once the lease is stale, gc collects what only the lease kept.
func TestS3LeaseRefreshFailure(t *testing.T) {
	f := newS3Fixture(t)
	defer chunked.SetLockTiming(300*time.Millisecond, 4*time.Second)()
	fresh, lease, release, done := f.stalled(t, f.s)
	f.b.fail.Store(true)
	<-lease.Done()
	release()
	err := <-done
	if err == nil {
		t.Fatal("an upload whose lease could not be refreshed was acknowledged")
	}
	t.Logf("upload: %v", err)
	if _, err := f.s.Stat(f.ctx, storetest.Object(fresh)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("the failed upload's object is visible: %v", err)
	}
	f.b.fail.Store(false)
	rep, err := gcLater(f.ctx, f.s)
	if err != nil {
		t.Fatal(err)
	}
	if rep.ObjectsRemoved != 1 {
		t.Errorf("gc after the failed upload: %+v", rep)
	}
}
