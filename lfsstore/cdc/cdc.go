package cdc

import (
	"fmt"
	"math/bits"
)

// GearName names the gear table below. It is recorded in store metadata;
// a different table is a different format.
const GearName = "gear-splitmix64-v1"

// Default parameters: the sizes Hugging Face's Xet uses (8 KiB minimum,
// 64 KiB target, 128 KiB maximum).
const (
	DefaultMin = 8 << 10
	DefaultAvg = 64 << 10
	DefaultMax = 128 << 10
)

// Params are the chunker's size parameters. Avg must be a power of two;
// Min < Avg < Max. NormLevel is the FastCDC normalization level: below
// Avg the cut mask has log2(Avg)+NormLevel bits (harder to cut), above
// it log2(Avg)-NormLevel bits (easier), which narrows the size spread.
type Params struct {
	Min, Avg, Max int
	NormLevel     int
}

// DefaultParams returns 8 KiB / 64 KiB / 128 KiB with normalization level 2.
func DefaultParams() Params {
	return Params{Min: DefaultMin, Avg: DefaultAvg, Max: DefaultMax, NormLevel: 2}
}

// Validate reports whether p describes a usable chunker.
func (p Params) Validate() error {
	switch {
	case p.Min < 64:
		return fmt.Errorf("cdc: minimum chunk size %d is below 64 bytes; use at least 64", p.Min)
	case p.Avg&(p.Avg-1) != 0:
		return fmt.Errorf("cdc: average chunk size %d is not a power of two; use e.g. 65536", p.Avg)
	case !(p.Min < p.Avg && p.Avg < p.Max):
		return fmt.Errorf("cdc: chunk sizes must satisfy min < avg < max, got %d/%d/%d", p.Min, p.Avg, p.Max)
	case p.Max > 1<<30:
		return fmt.Errorf("cdc: maximum chunk size %d is above 1 GiB", p.Max)
	}
	b := bits.TrailingZeros(uint(p.Avg))
	if p.NormLevel < 0 || b-p.NormLevel < 1 || b+p.NormLevel > 63 {
		return fmt.Errorf("cdc: normalization level %d does not fit average size %d", p.NormLevel, p.Avg)
	}
	return nil
}

// String is the canonical form recorded in store metadata, e.g.
// "fastcdc gear-splitmix64-v1 min=8192 avg=65536 max=131072 norm=2".
func (p Params) String() string {
	return fmt.Sprintf("fastcdc %s min=%d avg=%d max=%d norm=%d", GearName, p.Min, p.Avg, p.Max, p.NormLevel)
}

// Chunker finds chunk boundaries. It holds no per-stream state, so one
// Chunker may be shared by any number of goroutines.
type Chunker struct {
	min, avg, max int
	maskS, maskL  uint64
}

// New returns a Chunker for p.
func New(p Params) (*Chunker, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	b := bits.TrailingZeros(uint(p.Avg))
	return &Chunker{
		min: p.Min, avg: p.Avg, max: p.Max,
		maskS: topBits(b + p.NormLevel),
		maskL: topBits(b - p.NormLevel),
	}, nil
}

// topBits returns a mask of the n most significant bits. With the gear
// update h = h<<1 + gear[b], bit k of h depends on the last k+1 bytes, so
// the high bits see a 64-byte window while the low bits see only a few.
func topBits(n int) uint64 { return ^uint64(0) << (64 - n) }

// Max is the largest chunk Cut returns.
func (c *Chunker) Max() int { return c.max }

// Min is the smallest chunk Cut returns, except for the last chunk of a
// stream.
func (c *Chunker) Min() int { return c.min }

// Cut returns the length of the chunk that starts at data[0].
//
// If len(data) >= Max the answer is final. If it is shorter, Cut returns
// len(data) when no boundary was found; the caller either has more data
// (and must call again with at least Max bytes) or is at the end of the
// stream, where the rest is the last chunk.
func (c *Chunker) Cut(data []byte) int {
	n := len(data)
	if n <= c.min {
		return n
	}
	if n > c.max {
		n = c.max
	}
	normal := c.avg
	if normal > n {
		normal = n
	}
	var h uint64
	// Two bytes per iteration (FastCDC 2020's "rolling two bytes"): the
	// dependency chain is one shift and one add per pair; the check on
	// the odd byte is off that chain. (Shifting gear[a] here costs less
	// than a second table: ~10% less CPU per byte.)
	maskS, maskL := c.maskS, c.maskL
	i := c.min
	for ; i+1 < normal; i += 2 {
		ga := gear[data[i]]
		h1 := h<<1 + ga
		h = h<<2 + (ga<<1 + gear[data[i+1]])
		if h1&maskS == 0 {
			return i + 1
		}
		if h&maskS == 0 {
			return i + 2
		}
	}
	for ; i < normal; i++ {
		h = h<<1 + gear[data[i]]
		if h&maskS == 0 {
			return i + 1
		}
	}
	for ; i+1 < n; i += 2 {
		ga := gear[data[i]]
		h1 := h<<1 + ga
		h = h<<2 + (ga<<1 + gear[data[i+1]])
		if h1&maskL == 0 {
			return i + 1
		}
		if h&maskL == 0 {
			return i + 2
		}
	}
	for ; i < n; i++ {
		h = h<<1 + gear[data[i]]
		if h&maskL == 0 {
			return i + 1
		}
	}
	return n
}

// Split appends to dst the lengths of all chunks of data, treating data
// as a whole stream, and returns dst.
func (c *Chunker) Split(dst []int, data []byte) []int {
	for len(data) > 0 {
		n := c.Cut(data)
		dst = append(dst, n)
		data = data[n:]
	}
	return dst
}

var gear = makeGear()

// makeGear fills the gear table with splitmix64 from a fixed seed:
// reproducible, well mixed, and cheap to describe (GearName).
func makeGear() (g [256]uint64) {
	x := uint64(0x6a09e667f3bcc908) // frac(sqrt(2)), as SHA-512's IV
	for i := range g {
		x += 0x9e3779b97f4a7c15
		z := x
		z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
		z = (z ^ z>>27) * 0x94d049bb133111eb
		g[i] = z ^ z>>31
	}
	return g
}
