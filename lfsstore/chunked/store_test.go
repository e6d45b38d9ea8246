package chunked

import (
	"bytes"
	"context"
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
