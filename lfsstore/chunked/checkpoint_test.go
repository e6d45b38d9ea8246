package chunked

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/git-repro/git-repro/lfsstore/storetest"
)

// checkpointSeries generates versions of a "checkpoint": a file of
// tensor-like blocks (a small header naming the tensor, then float32
// weights drawn from a normal distribution, as trained weights look).
// Each version rewrites about 10% of the tensors, as a fine-tuning step
// touching some layers would; version insertAt also inserts a new small
// tensor in the middle of the file, shifting everything after it.
type checkpointSeries struct {
	r        *rand.Rand
	tensors  [][]byte
	insertAt int
	version  int
}

func newCheckpointSeries(seed uint64, size, minTensor, maxTensor int, insertAt int) *checkpointSeries {
	s := &checkpointSeries{r: rand.New(rand.NewPCG(seed, 1)), insertAt: insertAt}
	for total, i := 0, 0; total < size; i++ {
		n := minTensor + s.r.IntN(maxTensor-minTensor)
		n = min(n, size-total)
		s.tensors = append(s.tensors, s.tensor(fmt.Sprintf("layer.%d.weight", i), n))
		total += n
	}
	return s
}

func (s *checkpointSeries) tensor(name string, n int) []byte {
	b := make([]byte, n)
	copy(b, fmt.Sprintf("%-64s", name))
	scale := 0.01 + s.r.Float64()*0.05
	for i := 64; i+4 <= n; i += 4 {
		binary.LittleEndian.PutUint32(b[i:], math.Float32bits(float32(s.r.NormFloat64()*scale)))
	}
	return b
}

// next returns the next version's bytes.
func (s *checkpointSeries) next() []byte {
	if s.version > 0 {
		k := max(1, len(s.tensors)/10)
		for _, i := range s.r.Perm(len(s.tensors))[:k] {
			s.tensors[i] = s.tensor(fmt.Sprintf("layer.%d.weight.v%d", i, s.version), len(s.tensors[i]))
		}
		if s.version == s.insertAt {
			mid := len(s.tensors) / 2
			ins := s.tensor("inserted.bias", 4099) // odd size: shifts by a non-aligned amount
			s.tensors = append(s.tensors[:mid], append([][]byte{ins}, s.tensors[mid:]...)...)
		}
	}
	s.version++
	return bytes.Join(s.tensors, nil)
}

type dedupResult struct {
	logical, stored int64
	chunks          int
	perVersion      []PutResult
}

func runCheckpointSeries(t testing.TB, s *Store, versions, size, minT, maxT int) dedupResult {
	series := newCheckpointSeries(2026, size, minT, maxT, versions/2)
	var res dedupResult
	for v := 0; v < versions; v++ {
		data := series.next()
		oid := storetest.Object(data)
		pr, err := s.PutStats(context.Background(), oid, int64(len(data)), bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		res.perVersion = append(res.perVersion, pr)
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	res.logical, res.stored, res.chunks = st.LogicalBytes, st.StoredBytes, st.Chunks
	return res
}

// TestCheckpointDedup is the must-show at test size: 10 versions of a
// 24 MiB checkpoint store in at most 25% of what plain LFS stores.
// BenchmarkCheckpointSeries runs the 256 MiB version.
func TestCheckpointDedup(t *testing.T) {
	s := newDirStore(t, nil)
	res := runCheckpointSeries(t, s, 10, 24<<20, 64<<10, 512<<10)
	ratio := float64(res.stored) / float64(res.logical)
	t.Logf("10 versions: logical %d bytes, stored %d bytes (%.1f%%), %d chunks", res.logical, res.stored, 100*ratio, res.chunks)
	for v, pr := range res.perVersion {
		t.Logf("version %d: %d chunks, %d new, %d new bytes", v, pr.Chunks, pr.NewChunks, pr.NewBytes)
	}
	if res.logical != 10*24<<20+(4099) /* versions after the insert are longer */ *int64(10-5) {
		t.Errorf("logical bytes %d, want the sum of the 10 versions", res.logical)
	}
	if ratio > 0.25 {
		t.Errorf("stored %.1f%% of the plain-LFS total, want at most 25%%", 100*ratio)
	}
	// The version with inserted bytes must not re-store the shifted rest.
	if ins := res.perVersion[5]; ins.NewBytes > 24<<20/4 {
		t.Errorf("the version with inserted bytes stored %d new bytes, want about 10%% of %d", ins.NewBytes, 24<<20)
	}
	// Every version reads back intact.
	series := newCheckpointSeries(2026, 24<<20, 64<<10, 512<<10, 5)
	for v := 0; v < 10; v++ {
		data := series.next()
		o, err := s.Open(context.Background(), storetest.Object(data))
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if _, err := got.ReadFrom(o); err != nil {
			t.Fatalf("version %d: %v", v, err)
		}
		o.Close()
		if !bytes.Equal(got.Bytes(), data) {
			t.Fatalf("version %d reads back different bytes", v)
		}
	}
}

// BenchmarkCheckpointSeries: the full-size must-show (10 x 256 MiB).
// Run with bench/dedup.sh; it reports stored/logical as "stored-%".
func BenchmarkCheckpointSeries(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		s := newDirStore(b, nil)
		b.StartTimer()
		res := runCheckpointSeries(b, s, 10, 256<<20, 256<<10, 4<<20)
		b.ReportMetric(100*float64(res.stored)/float64(res.logical), "stored-%")
		b.ReportMetric(float64(res.logical)/(1<<20), "logical-MiB")
		b.ReportMetric(float64(res.stored)/(1<<20), "stored-MiB")
		b.ReportMetric(float64(res.perVersion[5].NewBytes)/(1<<20), "insert-version-new-MiB")
	}
}
