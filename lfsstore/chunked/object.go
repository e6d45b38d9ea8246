package chunked

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"sort"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/zeebo/blake3"
)

// maxSegment bounds one backend read: consecutive chunks of one pack are
// fetched together (one request on S3) up to this many bytes.
const maxSegment = 8 << 20

// Open implements lfsstore.Store. The object streams the chunks back in
// order, checking each chunk's BLAKE3 against the manifest as it arrives;
// a read that goes from offset 0 to the end without seeking also checks
// the SHA-256 of the whole object and fails at the end instead of
// returning io.EOF if it does not match.
//
// Reading holds no lock, so a stalled download never holds up gc. gc
// rewrites a manifest before it removes a pack the manifest pointed into,
// so a read that finds a pack gone reads the manifest again and goes on
// from the chunk's new place; it fails only if the object itself was
// removed.
func (s *Store) Open(ctx context.Context, oid lfsstore.OID) (lfsstore.Object, error) {
	m, err := s.readManifest(ctx, oid)
	if err != nil {
		return nil, err
	}
	o := &object{s: s, ctx: context.WithoutCancel(ctx), m: m, sha: sha256.New()}
	o.starts = make([]int64, len(m.Entries)+1)
	for i, e := range m.Entries {
		o.starts[i+1] = o.starts[i] + int64(e.Length)
	}
	return o, nil
}

type object struct {
	s      *Store
	ctx    context.Context
	m      *Manifest
	starts []int64 // starts[i] is the object offset of chunk i; starts[n] = size

	pos      int64
	seg      []byte
	segStart int64

	sha    hash.Hash
	shaPos int64 // bytes hashed, while reading sequentially from 0
	shaOK  bool
}

func (o *object) Size() int64 { return o.m.Size }

func (o *object) Read(p []byte) (int, error) {
	if o.pos >= o.m.Size {
		if o.shaPos == o.m.Size && !o.shaOK {
			var sum lfsstore.OID
			o.sha.Sum(sum[:0])
			if sum != o.m.OID {
				return 0, fmt.Errorf("object %s: stored chunks hash to %s: %w", o.m.OID, sum, lfsstore.ErrCorrupt)
			}
			o.shaOK = true
		}
		return 0, io.EOF
	}
	if o.pos < o.segStart || o.pos >= o.segStart+int64(len(o.seg)) {
		if err := o.load(); err != nil {
			return 0, err
		}
	}
	n := copy(p, o.seg[o.pos-o.segStart:])
	if o.pos == o.shaPos {
		o.sha.Write(p[:n])
		o.shaPos += int64(n)
	}
	o.pos += int64(n)
	return n, nil
}

// load fetches the segment holding o.pos. If its pack is gone, gc moved
// the chunks: it reads the manifest again and retries once.
func (o *object) load() error {
	err := o.loadSegment()
	if !errors.Is(err, errPackGone) {
		return err
	}
	m, merr := o.s.readManifest(o.ctx, o.m.OID)
	if merr != nil {
		return fmt.Errorf("object %s: reading the manifest again after a pack went: %w", o.m.OID, merr)
	}
	if !sameChunks(m, o.m) {
		return fmt.Errorf("object %s: manifest changed its chunks while being read: %w", o.m.OID, lfsstore.ErrCorrupt)
	}
	o.m = m
	err = o.loadSegment()
	if errors.Is(err, errPackGone) {
		return fmt.Errorf("object %s: %w: %w", o.m.OID, err, lfsstore.ErrCorrupt)
	}
	return err
}

var errPackGone = errors.New("a pack is missing")

func sameChunks(a, b *Manifest) bool {
	if a.Size != b.Size || len(a.Entries) != len(b.Entries) {
		return false
	}
	for i := range a.Entries {
		if a.Entries[i].Chunk != b.Entries[i].Chunk || a.Entries[i].Length != b.Entries[i].Length {
			return false
		}
	}
	return true
}

// loadSegment fetches the segment holding o.pos: its chunk and the
// following chunks stored right after it in the same pack.
func (o *object) loadSegment() error {
	i := sort.Search(len(o.m.Entries), func(i int) bool { return o.starts[i+1] > o.pos })
	first := o.m.Entries[i]
	j := i + 1
	length := int64(first.Length)
	for j < len(o.m.Entries) {
		e := o.m.Entries[j]
		if e.Pack != first.Pack || e.Offset != first.Offset+length || length+int64(e.Length) > maxSegment {
			break
		}
		length += int64(e.Length)
		j++
	}
	buf := o.seg[:0]
	if int64(cap(buf)) < length {
		buf = make([]byte, length, max(length, 1<<20))
	}
	buf = buf[:length]
	rc, err := o.s.b.Get(o.ctx, packName(first.Pack), first.Offset, length)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("pack %s: %w", first.Pack, errPackGone)
	}
	if err != nil {
		return fmt.Errorf("object %s: read pack %s: %w", o.m.OID, first.Pack, err)
	}
	_, err = io.ReadFull(rc, buf)
	rc.Close()
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return fmt.Errorf("object %s: pack %s is shorter than its chunks: %w", o.m.OID, first.Pack, lfsstore.ErrCorrupt)
	}
	if err != nil {
		return fmt.Errorf("object %s: read pack %s at %d: %w", o.m.OID, first.Pack, first.Offset, err)
	}
	off := 0
	for k := i; k < j; k++ {
		e := o.m.Entries[k]
		if ChunkID(blake3.Sum256(buf[off:off+int(e.Length)])) != e.Chunk {
			o.seg = nil
			return fmt.Errorf("object %s: chunk %s in pack %s is corrupt: %w", o.m.OID, e.Chunk, e.Pack, lfsstore.ErrCorrupt)
		}
		off += int(e.Length)
	}
	o.seg, o.segStart = buf, o.starts[i]
	return nil
}

func (o *object) Seek(offset int64, whence int) (int64, error) {
	var abs int64
	switch whence {
	case io.SeekStart:
		abs = offset
	case io.SeekCurrent:
		abs = o.pos + offset
	case io.SeekEnd:
		abs = o.m.Size + offset
	default:
		return 0, errors.New("seek: invalid whence")
	}
	if abs < 0 {
		return 0, errors.New("seek: negative position")
	}
	o.pos = abs
	return abs, nil
}

func (o *object) Close() error { return nil }

func jsonIndent(v any) ([]byte, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	return append(b, '\n'), err
}
