package chunked

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

// smallConfig makes tests exercise many chunks and packs.
func smallConfig() *Config {
	c := DefaultConfig()
	c.MinChunk, c.AvgChunk, c.MaxChunk = 1<<10, 4<<10, 16<<10
	c.PackSize = 256 << 10
	return &c
}

func newDirStore(t testing.TB, cfg *Config) *Store {
	t.Helper()
	b, err := NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(context.Background(), b, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestConformanceDir(t *testing.T) {
	storetest.Run(t, func(t *testing.T) lfsstore.Store { return newDirStore(t, smallConfig()) })
}

func TestConformanceDirDefaultFormat(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	storetest.Run(t, func(t *testing.T) lfsstore.Store { return newDirStore(t, nil) })
}

func put(t testing.TB, s *Store, c []byte) (lfsstore.OID, PutResult) {
	t.Helper()
	oid := storetest.Object(c)
	res, err := s.PutStats(context.Background(), oid, int64(len(c)), bytes.NewReader(c))
	if err != nil {
		t.Fatal(err)
	}
	return oid, res
}

// A refused Put of an object large enough that packs were stored while it
// was still arriving leaves no pack and no spool file behind.
func TestRefusedPutLeavesNothing(t *testing.T) {
	s := newDirStore(t, smallConfig()) // 256 KiB packs
	c := storetest.Content(31, 3<<20)
	wrong := storetest.Object([]byte("not this"))
	err := s.Put(context.Background(), wrong, int64(len(c)), bytes.NewReader(c))
	if !errors.Is(err, lfsstore.ErrHashMismatch) {
		t.Fatalf("Put with the wrong oid: %v", err)
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Packs != 0 || st.StoredBytes != 0 || st.Objects != 0 || st.Chunks != 0 {
		t.Errorf("a refused Put left %+v", st)
	}
	ents, _ := os.ReadDir(s.Backend().SpoolDir())
	if len(ents) != 0 {
		t.Errorf("spool files left: %d", len(ents))
	}
	// And the right Put of the same bytes works, storing packs once.
	oid, res := put(t, s, c)
	if res.NewBytes != int64(len(c)) {
		t.Errorf("new bytes %d, want %d", res.NewBytes, len(c))
	}
	if st, _ := s.Stats(context.Background()); st.StoredBytes != int64(len(c)) || st.Packs < 10 {
		t.Errorf("after the good Put of %s: %+v", oid, st)
	}
}
