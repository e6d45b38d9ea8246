package chunked

import (
	"bytes"
	"context"
	"crypto/sha256"
	"testing"

	"github.com/git-repro/git-repro/lfsstore/cdc"
	"github.com/git-repro/git-repro/lfsstore/storetest"
)

// The ingest benchmarks compare against BenchmarkSHA256OneCore in the
// same run: SHA-256 of the whole object is serial, so it is the ceiling
// (PERF.md: ~1645 MB/s here; ingest should reach >= 80% of it).
//
//	go test -run x -bench 'SHA256OneCore|Ingest|PutDir' -benchtime 10x ./lfsstore/chunked

const benchSize = 256 << 20

var benchData = sync256()

func sync256() func() []byte {
	var b []byte
	return func() []byte {
		if b == nil {
			b = storetest.Content(77, benchSize)
		}
		return b
	}
}

func BenchmarkSHA256OneCore(b *testing.B) {
	data := benchData()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		h := sha256.New()
		for off := 0; off < len(data); off += blockSize {
			h.Write(data[off:min(off+blockSize, len(data))])
		}
		h.Sum(nil)
	}
}

// BenchmarkIngest: the pipeline alone (SHA-256 + FastCDC + BLAKE3), no
// storage.
func BenchmarkIngest(b *testing.B) {
	data := benchData()
	ch, _ := cdc.New(cdc.DefaultParams())
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		n := 0
		_, _, err := ingest(context.Background(), bytes.NewReader(data), int64(len(data)), ch, func(d []byte, c chunkRef) error {
			n += len(d)
			return nil
		})
		if err != nil || n != len(data) {
			b.Fatal(err, n)
		}
	}
}

// BenchmarkPutDir: a whole Put into a fresh directory store: the pipeline
// plus writing packs, fsync, indexes and the manifest.
func BenchmarkPutDir(b *testing.B) {
	data := benchData()
	oid := storetest.Object(data)
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		b.StopTimer()
		s := newDirStore(b, nil)
		b.StartTimer()
		if err := s.Put(context.Background(), oid, int64(len(data)), bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
