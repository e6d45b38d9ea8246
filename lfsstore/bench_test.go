package lfsstore_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"testing"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

// BenchmarkSHA256 is the single-core hashing ceiling the server's ingest
// is compared against (bench/lfs-push-pull.sh reads its MB/s).
func BenchmarkSHA256(b *testing.B) {
	buf := storetest.Content(1, 1<<20)
	b.SetBytes(int64(len(buf)))
	h := sha256.New()
	for b.Loop() {
		h.Write(buf)
	}
}

// BenchmarkLocalPut measures Local.Put of 64 MiB objects: hash, write,
// fsync, rename.
func BenchmarkLocalPut(b *testing.B) {
	s, err := lfsstore.NewLocal(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	c := storetest.Content(2, 64<<20)
	oid := storetest.Object(c)
	b.SetBytes(int64(len(c)))
	for b.Loop() {
		if err := s.Put(context.Background(), oid, int64(len(c)), bytes.NewReader(c)); err != nil {
			b.Fatal(err)
		}
	}
}
