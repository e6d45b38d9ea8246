package cdc

import (
	"bytes"
	"crypto/sha256"
	"math/rand/v2"
	"testing"
)

func randBytes(seed uint64, n int) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x5bd1e995))
	b := make([]byte, n)
	for i := 0; i+8 <= n; i += 8 {
		v := r.Uint64()
		for j := 0; j < 8; j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	return b
}

func mustNew(t testing.TB, p Params) *Chunker {
	t.Helper()
	c, err := New(p)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// chunkSet returns the SHA-256 of every chunk of data.
func chunkSet(c *Chunker, data []byte) map[[32]byte]int {
	m := map[[32]byte]int{}
	for len(data) > 0 {
		n := c.Cut(data)
		m[sha256.Sum256(data[:n])] += n
		data = data[n:]
	}
	return m
}

func TestBoundsAndDeterminism(t *testing.T) {
	c := mustNew(t, DefaultParams())
	data := randBytes(1, 16<<20)
	sizes := c.Split(nil, data)
	total := 0
	for i, n := range sizes {
		total += n
		if n > DefaultMax {
			t.Fatalf("chunk %d has %d bytes, above the maximum %d", i, n, DefaultMax)
		}
		if n < DefaultMin && i != len(sizes)-1 {
			t.Fatalf("chunk %d has %d bytes, below the minimum %d", i, n, DefaultMin)
		}
	}
	if total != len(data) {
		t.Fatalf("chunks cover %d bytes, want %d", total, len(data))
	}
	avg := total / len(sizes)
	// Normalized chunking with min 8 KiB puts the mean near avg.
	if avg < 40<<10 || avg > 90<<10 {
		t.Errorf("mean chunk size %d is far from the 64 KiB target", avg)
	}
	again := c.Split(nil, data)
	if len(again) != len(sizes) {
		t.Fatalf("second split gave %d chunks, first %d", len(again), len(sizes))
	}
	for i := range sizes {
		if sizes[i] != again[i] {
			t.Fatalf("chunk %d: %d then %d bytes", i, sizes[i], again[i])
		}
	}
	// A fixed input gives fixed boundaries: the gear table and cut rule
	// are part of the storage format.
	first := c.Split(nil, randBytes(42, 1<<20))
	if got := first[:4]; !equalInts(got, goldenFirst) {
		t.Errorf("boundaries of the golden input changed: got %v, want %v (a format change: bump GearName)", got, goldenFirst)
	}
}

// goldenFirst are the first chunk sizes of randBytes(42, 1 MiB) with the
// default parameters.
var goldenFirst = []int{18085, 69968, 10229, 73896}

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

func TestZerosCutAtMax(t *testing.T) {
	c := mustNew(t, DefaultParams())
	sizes := c.Split(nil, make([]byte, 1<<20))
	for i, n := range sizes {
		if n != DefaultMax {
			t.Fatalf("chunk %d of all-zero data is %d bytes, want the maximum %d", i, n, DefaultMax)
		}
	}
}

// TestInsertionShift: inserting bytes in the middle changes only the
// chunks near the edit; everything else is found again.
func TestInsertionShift(t *testing.T) {
	c := mustNew(t, DefaultParams())
	data := randBytes(7, 8<<20)
	for _, ins := range []int{1, 7, 100, 4096, 70000} {
		at := 3<<20 + 12345
		edited := append(append(append([]byte{}, data[:at]...), randBytes(uint64(ins), ins+8)[:ins]...), data[at:]...)
		before := chunkSet(c, data)
		after := chunkSet(c, edited)
		var shared, total int
		for h, n := range after {
			total += n
			if _, ok := before[h]; ok {
				shared += n
			}
		}
		// At most a few chunks around the insertion differ.
		if lost := total - shared; lost > ins+3*DefaultMax {
			t.Errorf("insert %d bytes: %d bytes in new chunks, want at most %d", ins, lost, ins+3*DefaultMax)
		}
	}
}

// TestStreamPrefix: cutting a stream with Max-sized windows gives the same
// boundaries as cutting the whole buffer.
func TestStreamPrefix(t *testing.T) {
	c := mustNew(t, Params{Min: 256, Avg: 1024, Max: 4096, NormLevel: 1})
	data := randBytes(3, 1<<20)
	whole := c.Split(nil, data)
	var streamed []int
	rest := data
	for len(rest) > 0 {
		w := rest
		if len(w) > c.Max()+17 {
			w = w[:c.Max()+17]
		}
		n := c.Cut(w)
		streamed = append(streamed, n)
		rest = rest[n:]
	}
	if !equalInts(whole, streamed) {
		t.Fatal("windowed cutting differs from whole-buffer cutting")
	}
}

func TestOneByteVsTwoByteLoop(t *testing.T) {
	// The two-bytes-per-step loop must cut exactly where the plain gear
	// loop does.
	for _, p := range []Params{DefaultParams(), {Min: 64, Avg: 256, Max: 1024, NormLevel: 2}, {Min: 65, Avg: 128, Max: 999, NormLevel: 0}} {
		c := mustNew(t, p)
		for seed := uint64(0); seed < 20; seed++ {
			data := randBytes(seed, 3*p.Max+int(seed))
			for off := 0; off < 4; off++ {
				if got, want := c.Cut(data[off:]), refCut(c, data[off:]); got != want {
					t.Fatalf("%v seed %d off %d: Cut %d, reference %d", p, seed, off, got, want)
				}
			}
		}
	}
}

func refCut(c *Chunker, data []byte) int {
	n := len(data)
	if n <= c.min {
		return n
	}
	n = min(n, c.max)
	normal := min(c.avg, n)
	var h uint64
	for i := c.min; i < n; i++ {
		h = h<<1 + gear[data[i]]
		mask := c.maskL
		if i < normal {
			mask = c.maskS
		}
		if h&mask == 0 {
			return i + 1
		}
	}
	return n
}

func TestValidate(t *testing.T) {
	bad := []Params{
		{Min: 8, Avg: 64, Max: 128},
		{Min: 8192, Avg: 60000, Max: 131072},
		{Min: 65536, Avg: 65536, Max: 131072},
		{Min: 8192, Avg: 65536, Max: 65536},
		{Min: 8192, Avg: 65536, Max: 131072, NormLevel: -1},
		{Min: 8192, Avg: 65536, Max: 131072, NormLevel: 16},
	}
	for _, p := range bad {
		if _, err := New(p); err == nil {
			t.Errorf("New(%+v) accepted bad parameters", p)
		}
	}
	if got, want := DefaultParams().String(), "fastcdc gear-splitmix64-v1 min=8192 avg=65536 max=131072 norm=2"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func FuzzCut(f *testing.F) {
	f.Add([]byte("hello"), uint8(0))
	f.Add(bytes.Repeat([]byte{0xff}, 5000), uint8(3))
	c := mustNew(f, Params{Min: 64, Avg: 256, Max: 1024, NormLevel: 2})
	f.Fuzz(func(t *testing.T, data []byte, off uint8) {
		total := 0
		for rest := data; len(rest) > 0; {
			n := c.Cut(rest)
			if n <= 0 || n > len(rest) || n > c.Max() {
				t.Fatalf("Cut returned %d for %d bytes", n, len(rest))
			}
			if n < c.Min() && n != len(rest) {
				t.Fatalf("Cut returned %d, below the minimum, with %d bytes left", n, len(rest))
			}
			if n != refCut(c, rest) {
				t.Fatalf("Cut %d differs from the reference %d", n, refCut(c, rest))
			}
			total += n
			rest = rest[n:]
		}
		if total != len(data) {
			t.Fatalf("covered %d of %d bytes", total, len(data))
		}
	})
}

func BenchmarkCut(b *testing.B) {
	c := mustNew(b, DefaultParams())
	data := randBytes(9, 64<<20)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		for rest := data; len(rest) > 0; {
			rest = rest[c.Cut(rest):]
		}
	}
}

func BenchmarkCutReference(b *testing.B) {
	c := mustNew(b, DefaultParams())
	data := randBytes(9, 64<<20)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		for rest := data; len(rest) > 0; {
			rest = rest[refCut(c, rest):]
		}
	}
}
