package s3

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"testing"
	"time"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/chunked"
	"github.com/git-repro/git-repro/lfsstore/s3/s3test"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

// TestGCOnS3: gc on a real S3 server, with lock objects, removes the
// unreachable object and its unique chunks and keeps the live one whole.
func TestGCOnS3(t *testing.T) {
	srv := s3test.Start(t)
	cfg := chunked.DefaultConfig()
	cfg.MinChunk, cfg.AvgChunk, cfg.MaxChunk = 1<<10, 4<<10, 16<<10
	cfg.PackSize = 512 << 10
	s, err := chunked.Open(context.Background(), newBackend(t, srv, "gc/"), &cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	shared := storetest.Content(1, 700<<10)
	live := append(append([]byte{}, shared...), storetest.Content(2, 300<<10)...)
	dead := append(append([]byte{}, shared...), storetest.Content(3, 600<<10)...)
	for _, c := range [][]byte{live, dead} {
		if err := s.Put(ctx, storetest.Object(c), int64(len(c)), bytes.NewReader(c)); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := s.Stats(ctx)
	// S3 sets modification times itself; look at the store from 30 days on.
	future := func() time.Time { return time.Now().Add(30 * 24 * time.Hour) }
	rep, err := s.Collect(ctx, chunked.GCOptions{
		Live:  func(o lfsstore.OID) bool { return o == storetest.Object(live) },
		Grace: 24 * time.Hour, Now: future,
	})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := s.Stats(ctx)
	t.Logf("gc on S3: %+v; stored %d -> %d", rep, before.StoredBytes, after.StoredBytes)
	if rep.ObjectsRemoved != 1 || after.Objects != 1 {
		t.Errorf("gc removed %d objects, %d left; want 1 and 1", rep.ObjectsRemoved, after.Objects)
	}
	if after.StoredBytes > int64(len(live))+32<<10 {
		t.Errorf("stored %d bytes after gc, want about the live object's %d", after.StoredBytes, len(live))
	}
	if _, err := s.Stat(ctx, storetest.Object(dead)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("dead object still stored: %v", err)
	}
	o, err := s.Open(ctx, storetest.Object(live))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.ReadAll(o)
	o.Close()
	if err != nil || !bytes.Equal(got, live) {
		t.Fatalf("live object after gc: err %v", err)
	}
	var locks int
	s.Backend().List(ctx, "locks/", func(chunked.Blob) error { locks++; return nil })
	if locks != 0 {
		t.Errorf("%d lock objects left on S3", locks)
	}
}
