package chunked

import (
	"bytes"
	"testing"

	"github.com/git-repro/git-repro/lfsstore/storetest"
)

func sampleManifest() *Manifest {
	m := &Manifest{OID: storetest.Object([]byte("x")), Size: 300}
	for i := 0; i < 3; i++ {
		m.Entries = append(m.Entries, ManifestEntry{Chunk: ChunkID{byte(i)}, Location: Location{Pack: PackID{9}, Offset: int64(i * 100), Length: 100}})
	}
	return m
}

func TestManifestRoundtripAndDamage(t *testing.T) {
	m := sampleManifest()
	b := encodeManifest(m)
	got, err := decodeManifest(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.OID != m.OID || got.Size != m.Size || len(got.Entries) != 3 || got.Entries[2] != m.Entries[2] {
		t.Fatalf("roundtrip = %+v", got)
	}
	for i := range b {
		bad := append([]byte{}, b...)
		bad[i] ^= 0x40
		if _, err := decodeManifest(bad); err == nil {
			t.Fatalf("a manifest with byte %d flipped decoded", i)
		}
	}
	if _, err := decodeManifest(b[:len(b)-1]); err == nil {
		t.Fatal("a truncated manifest decoded")
	}
}

func TestIndexRoundtrip(t *testing.T) {
	es := []IndexEntry{{Chunk: ChunkID{1}, Offset: 0, Length: 10}, {Chunk: ChunkID{2}, Offset: 10, Length: 5}}
	p, got, err := decodeIndex(encodeIndex(PackID{7}, es))
	if err != nil || p != (PackID{7}) || len(got) != 2 || got[1] != es[1] {
		t.Fatalf("roundtrip = %v %v %v", p, got, err)
	}
}

func FuzzDecodeManifest(f *testing.F) {
	f.Add(encodeManifest(sampleManifest()))
	f.Add([]byte(manifestMagic))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := decodeManifest(b)
		if err != nil {
			return
		}
		// Whatever decodes re-encodes to the same bytes.
		if !bytes.Equal(encodeManifest(m), b) {
			t.Fatal("decode/encode is not the identity")
		}
	})
}

func FuzzDecodeIndex(f *testing.F) {
	f.Add(encodeIndex(PackID{1}, []IndexEntry{{Chunk: ChunkID{1}, Offset: 0, Length: 10}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, es, err := decodeIndex(b)
		if err != nil {
			return
		}
		if !bytes.Equal(encodeIndex(p, es), b) {
			t.Fatal("decode/encode is not the identity")
		}
	})
}

func FuzzParseConfig(f *testing.F) {
	b, _ := jsonIndent(DefaultConfig())
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := parseConfig(b)
		if err != nil {
			return
		}
		if err := c.validate(); err != nil {
			t.Fatalf("parseConfig accepted an invalid config: %v", err)
		}
	})
}

func TestOpenKeepsStoredFormat(t *testing.T) {
	b, err := NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	s1, err := Open(t.Context(), b, smallConfig())
	if err != nil {
		t.Fatal(err)
	}
	s2, err := Open(t.Context(), b, nil) // asks for defaults; gets the stored format
	if err != nil {
		t.Fatal(err)
	}
	if s2.Config() != s1.Config() || s2.Config().AvgChunk != 4<<10 {
		t.Errorf("reopened store format %+v, want the one it was created with %+v", s2.Config(), s1.Config())
	}
	if s1.Config().Chunker != "fastcdc gear-splitmix64-v1 min=1024 avg=4096 max=16384 norm=2" {
		t.Errorf("recorded chunker = %q", s1.Config().Chunker)
	}
}

func TestIndexSize(t *testing.T) {
	for _, n := range []int{0, 1, 1000} {
		if got := int64(len(encodeIndex(PackID{}, make([]IndexEntry, n)))); got != indexSize(n) {
			t.Errorf("indexSize(%d) = %d, encoded %d", n, indexSize(n), got)
		}
	}
}
