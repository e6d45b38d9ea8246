package chunked

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"testing"
	"testing/iotest"

	"github.com/git-repro/git-repro/lfsstore/cdc"
	"github.com/git-repro/git-repro/lfsstore/storetest"
	"github.com/zeebo/blake3"
)

// choppy returns reads of varying small sizes.
type choppy struct {
	r io.Reader
	i int
}

func (c *choppy) Read(p []byte) (int, error) {
	c.i++
	n := 1 + (c.i*7919)%70000
	if len(p) > n {
		p = p[:n]
	}
	return c.r.Read(p)
}

// TestIngestMatchesWholeBuffer: across 1 MiB read boundaries and with
// short reads, the pipeline cuts exactly where cutting the whole buffer
// does, hashes every chunk right and computes the object's SHA-256.
func TestIngestMatchesWholeBuffer(t *testing.T) {
	for _, p := range []cdc.Params{cdc.DefaultParams(), {Min: 1 << 10, Avg: 4 << 10, Max: 16 << 10, NormLevel: 2}} {
		ch, err := cdc.New(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, size := range []int{0, 1, 5000, blockSize - 1, blockSize, blockSize + 1, 3*blockSize + 12345} {
			data := storetest.Content(uint64(size), size)
			for _, r := range []io.Reader{bytes.NewReader(data), &choppy{r: bytes.NewReader(data)}, iotest.HalfReader(bytes.NewReader(data))} {
				var got []int
				off := 0
				n, sum, err := ingest(context.Background(), r, int64(size), ch, func(d []byte, c chunkRef) error {
					if !bytes.Equal(d, data[off:off+len(d)]) {
						t.Fatalf("size %d: chunk at %d has the wrong bytes", size, off)
					}
					if c.id != ChunkID(blake3.Sum256(d)) {
						t.Fatalf("size %d: chunk at %d has the wrong BLAKE3", size, off)
					}
					got = append(got, len(d))
					off += len(d)
					return nil
				})
				if err != nil || n != int64(size) || sum != sha256.Sum256(data) {
					t.Fatalf("size %d: n %d, err %v, sha ok %v", size, n, err, sum == sha256.Sum256(data))
				}
				want := ch.Split(nil, data)
				if !equalInts(got, want) {
					t.Fatalf("%v size %d: %d chunks, whole-buffer cutting gives %d", p, size, len(got), len(want))
				}
			}
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestIngestErrors(t *testing.T) {
	ch, _ := cdc.New(cdc.DefaultParams())
	data := storetest.Content(5, 3*blockSize)
	if _, _, err := ingest(context.Background(), bytes.NewReader(data), int64(len(data)-1), ch, func([]byte, chunkRef) error { return nil }); !errors.Is(err, errTooLong) {
		t.Errorf("over the limit: %v, want errTooLong", err)
	}
	boom := errors.New("boom")
	if _, _, err := ingest(context.Background(), iotest.TimeoutReader(bytes.NewReader(data)), int64(len(data)), ch, func([]byte, chunkRef) error { return nil }); err == nil {
		t.Error("a failing reader went unnoticed")
	}
	calls := 0
	if _, _, err := ingest(context.Background(), bytes.NewReader(data), int64(len(data)), ch, func([]byte, chunkRef) error { calls++; return boom }); !errors.Is(err, boom) || calls != 1 {
		t.Errorf("sink error: %v after %d calls, want boom after 1", err, calls)
	}
}
