package chunked

import (
	"bytes"
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/cdc"
	"github.com/zeebo/blake3"
)

// Config is the store's format metadata, stored as JSON in the "config"
// blob when the store is created and read back ever after: the chunker
// parameters decide where chunks are cut, so a store keeps the ones it
// was created with.
type Config struct {
	Format    string `json:"format"`     // FormatName
	Version   int    `json:"version"`    // FormatVersion
	Chunker   string `json:"chunker"`    // cdc.Params.String(), informational
	MinChunk  int    `json:"min_chunk"`  // bytes
	AvgChunk  int    `json:"avg_chunk"`  // bytes, a power of two
	MaxChunk  int    `json:"max_chunk"`  // bytes
	NormLevel int    `json:"norm_level"` // FastCDC normalization level
	ChunkHash string `json:"chunk_hash"` // "blake3-256"
	ObjectID  string `json:"object_id"`  // "sha256" (Git LFS oids)
	PackSize  int64  `json:"pack_size"`  // target pack size in bytes
}

// Format identifiers recorded in Config.
const (
	FormatName    = "git-repro-chunked"
	FormatVersion = 1
	ChunkHashName = "blake3-256"
)

// DefaultPackSize is the target pack size, as Xet's ~64 MiB xorbs.
const DefaultPackSize = 64 << 20

// DefaultConfig returns the format a new store gets by default.
func DefaultConfig() Config {
	p := cdc.DefaultParams()
	return Config{
		Format: FormatName, Version: FormatVersion, Chunker: p.String(),
		MinChunk: p.Min, AvgChunk: p.Avg, MaxChunk: p.Max, NormLevel: p.NormLevel,
		ChunkHash: ChunkHashName, ObjectID: "sha256", PackSize: DefaultPackSize,
	}
}

// Params returns the chunker parameters.
func (c Config) Params() cdc.Params {
	return cdc.Params{Min: c.MinChunk, Avg: c.AvgChunk, Max: c.MaxChunk, NormLevel: c.NormLevel}
}

func (c Config) validate() error {
	if c.Format != FormatName || c.Version != FormatVersion {
		return fmt.Errorf("store format %q version %d is not supported; this build reads %q version %d", c.Format, c.Version, FormatName, FormatVersion)
	}
	if c.ChunkHash != ChunkHashName {
		return fmt.Errorf("chunk hash %q is not supported; want %q", c.ChunkHash, ChunkHashName)
	}
	if err := c.Params().Validate(); err != nil {
		return err
	}
	if c.PackSize < int64(c.MaxChunk) {
		return fmt.Errorf("pack size %d is smaller than the maximum chunk %d", c.PackSize, c.MaxChunk)
	}
	return nil
}

func parseConfig(b []byte) (Config, error) {
	var c Config
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&c); err != nil {
		return c, fmt.Errorf("store config: %w", err)
	}
	return c, c.validate()
}

// ChunkID is a chunk's BLAKE3-256 hash.
type ChunkID [32]byte

func (c ChunkID) String() string { return hex.EncodeToString(c[:]) }

// PackID names a pack: 16 random bytes. Packs are immutable once
// written; repacking writes a new pack.
type PackID [16]byte

func (p PackID) String() string { return hex.EncodeToString(p[:]) }

func newPackID() PackID {
	var p PackID
	if _, err := rand.Read(p[:]); err != nil {
		panic(err) // crypto/rand never fails on supported platforms
	}
	return p
}

func parsePackID(s string) (PackID, bool) {
	var p PackID
	if len(s) != 32 {
		return p, false
	}
	if _, err := hex.Decode(p[:], []byte(s)); err != nil || hex.EncodeToString(p[:]) != s {
		return p, false
	}
	return p, true
}

func packName(p PackID) string  { s := p.String(); return "packs/" + s[:2] + "/" + s }
func indexName(p PackID) string { return "index/" + p.String() }
func manifestName(o lfsstore.OID) string {
	s := o.String()
	return "manifests/" + s[:2] + "/" + s
}

// Location is where one chunk's bytes live.
type Location struct {
	Pack   PackID
	Offset int64
	Length uint32
}

// ManifestEntry is one chunk of an object, in order.
type ManifestEntry struct {
	Chunk ChunkID
	Location
}

// Manifest lists the chunks of one LFS object.
type Manifest struct {
	OID     lfsstore.OID
	Size    int64
	Entries []ManifestEntry
}

// Binary encodings. Both end with a BLAKE3 checksum of everything before
// it, so a torn or rotted blob is detected before it is trusted.
//
//	manifest: "GRMANIF1" oid[32] size:u64 count:u32 count*(chunk[32] pack[16] off:u64 len:u32) sum[32]
//	index:    "GRINDEX1" pack[16] count:u32 count*(chunk[32] off:u64 len:u32) sum[32]
//
// Integers are big-endian.
const (
	manifestMagic     = "GRMANIF1"
	indexMagic        = "GRINDEX1"
	manifestEntrySize = 32 + 16 + 8 + 4
	indexEntrySize    = 32 + 8 + 4
	maxChunkLen       = 1 << 30
)

func encodeManifest(m *Manifest) []byte {
	b := make([]byte, 0, 8+32+8+4+len(m.Entries)*manifestEntrySize+32)
	b = append(b, manifestMagic...)
	b = append(b, m.OID[:]...)
	b = binary.BigEndian.AppendUint64(b, uint64(m.Size))
	b = binary.BigEndian.AppendUint32(b, uint32(len(m.Entries)))
	for _, e := range m.Entries {
		b = append(b, e.Chunk[:]...)
		b = append(b, e.Pack[:]...)
		b = binary.BigEndian.AppendUint64(b, uint64(e.Offset))
		b = binary.BigEndian.AppendUint32(b, e.Length)
	}
	sum := blake3.Sum256(b)
	return append(b, sum[:]...)
}

func checkSum(b []byte, magic string) ([]byte, error) {
	if len(b) < len(magic)+32 || string(b[:len(magic)]) != magic {
		return nil, fmt.Errorf("not a %q blob", magic)
	}
	body, sum := b[:len(b)-32], b[len(b)-32:]
	if got := blake3.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, fmt.Errorf("%q blob checksum mismatch (corrupt or truncated)", magic)
	}
	return body[len(magic):], nil
}

func decodeManifest(b []byte) (*Manifest, error) {
	body, err := checkSum(b, manifestMagic)
	if err != nil {
		return nil, err
	}
	if len(body) < 32+8+4 {
		return nil, fmt.Errorf("manifest too short: %d bytes", len(b))
	}
	m := &Manifest{}
	copy(m.OID[:], body)
	size := binary.BigEndian.Uint64(body[32:])
	n := binary.BigEndian.Uint32(body[40:])
	body = body[44:]
	if uint64(len(body)) != uint64(n)*manifestEntrySize {
		return nil, fmt.Errorf("manifest says %d chunks but holds %d bytes of entries", n, len(body))
	}
	if size > 1<<62 {
		return nil, fmt.Errorf("manifest size %d out of range", size)
	}
	m.Size = int64(size)
	m.Entries = make([]ManifestEntry, n)
	var total uint64
	for i := range m.Entries {
		e := &m.Entries[i]
		copy(e.Chunk[:], body)
		copy(e.Pack[:], body[32:])
		off := binary.BigEndian.Uint64(body[48:])
		e.Length = binary.BigEndian.Uint32(body[56:])
		body = body[manifestEntrySize:]
		if e.Length == 0 || e.Length > maxChunkLen || off > 1<<62 {
			return nil, fmt.Errorf("manifest chunk %d: bad location offset %d length %d", i, off, e.Length)
		}
		e.Offset = int64(off)
		total += uint64(e.Length)
	}
	if total != size {
		return nil, fmt.Errorf("manifest chunks add up to %d bytes, object size is %d", total, size)
	}
	return m, nil
}

// IndexEntry is one chunk of a pack.
type IndexEntry struct {
	Chunk  ChunkID
	Offset int64
	Length uint32
}

// indexSize is the encoded size of an index with n entries.
func indexSize(n int) int64 { return int64(len(indexMagic) + 16 + 4 + n*indexEntrySize + 32) }

func encodeIndex(p PackID, entries []IndexEntry) []byte {
	b := make([]byte, 0, 8+16+4+len(entries)*indexEntrySize+32)
	b = append(b, indexMagic...)
	b = append(b, p[:]...)
	b = binary.BigEndian.AppendUint32(b, uint32(len(entries)))
	for _, e := range entries {
		b = append(b, e.Chunk[:]...)
		b = binary.BigEndian.AppendUint64(b, uint64(e.Offset))
		b = binary.BigEndian.AppendUint32(b, e.Length)
	}
	sum := blake3.Sum256(b)
	return append(b, sum[:]...)
}

func decodeIndex(b []byte) (PackID, []IndexEntry, error) {
	var p PackID
	body, err := checkSum(b, indexMagic)
	if err != nil {
		return p, nil, err
	}
	if len(body) < 16+4 {
		return p, nil, fmt.Errorf("index too short: %d bytes", len(b))
	}
	copy(p[:], body)
	n := binary.BigEndian.Uint32(body[16:])
	body = body[20:]
	if uint64(len(body)) != uint64(n)*indexEntrySize {
		return p, nil, fmt.Errorf("index says %d chunks but holds %d bytes of entries", n, len(body))
	}
	out := make([]IndexEntry, n)
	for i := range out {
		e := &out[i]
		copy(e.Chunk[:], body)
		off := binary.BigEndian.Uint64(body[32:])
		e.Length = binary.BigEndian.Uint32(body[40:])
		body = body[indexEntrySize:]
		if e.Length == 0 || e.Length > maxChunkLen || off > 1<<62 {
			return p, nil, fmt.Errorf("index chunk %d: bad offset %d length %d", i, off, e.Length)
		}
		e.Offset = int64(off)
	}
	return p, out, nil
}
