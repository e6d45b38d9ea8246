package chunked

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/cdc"
	"github.com/zeebo/blake3"
)

// Store is the chunk-deduplicating lfsstore.Store.
type Store struct {
	b       Backend
	cfg     Config
	chunker *cdc.Chunker
	locker  Locker

	mu    sync.Mutex
	idx   map[ChunkID]slot
	packs map[PackID][]IndexEntry // packs whose index is loaded

	written, deduped   atomic.Int64 // chunks
	writtenB, dedupedB atomic.Int64 // bytes

	clock   func() time.Time                // see SetClock
	onLease func(context.Context, []PackID) // tests: an upload's lease (its context) names more packs
}

// slot is where the in-memory index finds a chunk, and when this process
// last knew the stored copy to be good: it wrote the bytes itself, or read
// them back and compared them (see reuse.go). 0 means never.
type slot struct {
	Location
	good int64 // unix nanoseconds
}

// Open opens the chunked store on b. If b holds no store yet, one is
// created with cfg (DefaultConfig when cfg is nil); an existing store
// keeps the format it was created with and cfg is ignored.
func Open(ctx context.Context, b Backend, cfg *Config) (*Store, error) {
	c, err := loadOrCreateConfig(ctx, b, cfg)
	if err != nil {
		return nil, err
	}
	ch, err := cdc.New(c.Params())
	if err != nil {
		return nil, err
	}
	s := &Store{b: b, cfg: c, chunker: ch, idx: map[ChunkID]slot{}, packs: map[PackID][]IndexEntry{}}
	if l, ok := b.(Locker); ok {
		s.locker = l
	} else {
		s.locker = &objectLocker{b: b, now: s.now}
	}
	return s, nil
}

// SetClock replaces the clock by which this Store writes and judges the
// times in lock and lease blobs (default time.Now). Tests use it to
// simulate machines whose clocks disagree with the object store's.
func (s *Store) SetClock(now func() time.Time) { s.clock = now }

func (s *Store) now() time.Time {
	if s.clock != nil {
		return s.clock()
	}
	return time.Now()
}

func loadOrCreateConfig(ctx context.Context, b Backend, want *Config) (Config, error) {
	raw, err := readBlob(ctx, b, "config")
	if err == nil {
		return parseConfig(raw)
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return Config{}, err
	}
	c := DefaultConfig()
	if want != nil {
		c = *want
	}
	c.Chunker = c.Params().String()
	if err := c.validate(); err != nil {
		return Config{}, err
	}
	buf, _ := jsonIndent(c)
	// Two processes creating the same store at once write the same bytes
	// (for the same options); the last rename wins either way.
	if err := b.PutBytes(ctx, "config", buf); err != nil {
		return Config{}, fmt.Errorf("write store config: %w", err)
	}
	raw, err = readBlob(ctx, b, "config")
	if err != nil {
		return Config{}, err
	}
	return parseConfig(raw)
}

// Config returns the store's format metadata.
func (s *Store) Config() Config { return s.cfg }

// Backend returns the store's raw blob backend.
func (s *Store) Backend() Backend { return s.b }

func readBlob(ctx context.Context, b Backend, name string) ([]byte, error) {
	rc, err := b.Get(ctx, name, 0, -1)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

func (s *Store) lock(ctx context.Context, exclusive bool) (context.Context, func(), error) {
	return s.locker.Lock(ctx, exclusive)
}

// syncIndex brings the in-memory chunk index in line with the index
// blobs: it loads new packs' indexes, forgets packs that gc removed, and
// reloads indexes that repair rewrote. It needs no lock: index blobs are
// written whole and only ever added, shortened (repair) or removed (gc);
// a pack gc removes after this sync is caught when an upload reads the
// chunk back or at its commit.
func (s *Store) syncIndex(ctx context.Context) error {
	present := map[PackID]int64{} // index blob sizes
	err := s.b.List(ctx, "index/", func(bl Blob) error {
		if p, ok := parsePackID(strings.TrimPrefix(bl.Name, "index/")); ok {
			present[p] = bl.Size
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("list indexes: %w", err)
	}
	s.mu.Lock()
	removed := false
	for p, entries := range s.packs {
		// Gone (gc), or rewritten with fewer chunks (repair): forget it;
		// a rewritten index is loaded again below.
		if size, ok := present[p]; !ok || size != indexSize(len(entries)) {
			delete(s.packs, p)
			removed = true
		}
	}
	var missing []PackID
	for p := range present {
		if _, ok := s.packs[p]; !ok {
			missing = append(missing, p)
		}
	}
	if removed {
		// gc removed or repacked packs: their chunks may live on in
		// other packs, so rebuild from what is left.
		old := s.idx
		s.idx = map[ChunkID]slot{}
		for p, entries := range s.packs {
			for _, e := range entries {
				if _, ok := s.idx[e.Chunk]; !ok {
					loc := Location{Pack: p, Offset: e.Offset, Length: e.Length}
					sl := slot{Location: loc}
					if o := old[e.Chunk]; o.Location == loc {
						sl.good = o.good
					}
					s.idx[e.Chunk] = sl
				}
			}
		}
	}
	s.mu.Unlock()
	for _, p := range missing {
		raw, err := readBlob(ctx, s.b, indexName(p))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		got, entries, err := decodeIndex(raw)
		if err != nil || got != p {
			continue // a damaged index only costs deduplication; fsck reports it
		}
		s.addPack(p, entries, 0)
	}
	return nil
}

// addPack adds a pack's chunks to the in-memory index. good is when the
// pack's bytes were last known good (this process just wrote them), or 0;
// a known-good copy of a chunk replaces one not known to be good.
func (s *Store) addPack(p PackID, entries []IndexEntry, good int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range entries {
		if sl, ok := s.idx[e.Chunk]; !ok || good != 0 && sl.good == 0 {
			s.idx[e.Chunk] = slot{Location{Pack: p, Offset: e.Offset, Length: e.Length}, good}
		}
	}
	s.packs[p] = entries
}

func (s *Store) lookup(id ChunkID) (slot, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.idx[id]
	return l, ok
}

// PutResult says what one Put added to the store.
type PutResult struct {
	Chunks, NewChunks int
	NewBytes          int64 // chunk bytes written to new packs
	Existed           bool  // the object was already stored
	// Reused chunks: how many were read back and compared with the
	// upload's bytes, how many of those copies were bad (and stored
	// again), and the bytes read back.
	Checked, Rewritten int
	ReadBack           int64
}

// Put implements lfsstore.Store.
func (s *Store) Put(ctx context.Context, oid lfsstore.OID, size int64, r io.Reader) error {
	_, err := s.PutStats(ctx, oid, size, r)
	return err
}

// PutStats is Put, also reporting how much was new.
//
// Every chunk the new manifest names is either written by this Put or a
// stored copy that is known to be good (see reuse.go): an object that Put
// acknowledges can be read back. The body is read without the store
// lock, under a lease on the packs the upload uses (lease.go), so a
// stalled client never holds up gc; the shared lock is taken to commit.
func (s *Store) PutStats(ctx context.Context, oid lfsstore.OID, size int64, r io.Reader) (PutResult, error) {
	var res PutResult
	if size < 0 {
		return res, fmt.Errorf("object %s: negative size %d: %w", oid, size, lfsstore.ErrSizeMismatch)
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	if err := s.syncIndex(ctx); err != nil {
		return res, err
	}
	l, err := s.lease(ctx)
	if err != nil {
		return res, err
	}
	defer l.release()
	ctx = l.ctx
	w := newPackWriter(ctx, s.b, s.cfg.PackSize)
	w.onNew = func(p PackID) error { return l.add(p) }
	defer w.abort()
	local := map[ChunkID]Location{}
	check := newReuseCheck(ctx, s)
	m := &Manifest{OID: oid, Size: size}
	var dedupB int64
	n, sum, err := ingest(ctx, r, size, s.chunker, func(data []byte, c chunkRef) error {
		loc, ok := local[c.id]
		if !ok {
			var sl slot
			if sl, ok = s.lookup(c.id); ok {
				// Leased before it is read: gc keeps what the lease names.
				var err error
				if ok, err = l.use(sl.Pack); err != nil {
					return err
				}
				if ok {
					if ok, err = check.good(c.id, sl, data); err != nil {
						return err
					}
				}
				loc = sl.Location
			}
		}
		if ok {
			dedupB += int64(len(data))
		} else {
			var err error
			if loc, err = w.add(data, c.id); err != nil {
				return err
			}
			local[c.id] = loc
		}
		m.Entries = append(m.Entries, ManifestEntry{Chunk: c.id, Location: loc})
		return nil
	})
	res.Checked, res.Rewritten, res.ReadBack = int(check.checked), int(check.bad), check.read
	if errors.Is(err, errTooLong) {
		return res, fmt.Errorf("object %s: got more than the declared %d bytes: %w", oid, size, lfsstore.ErrSizeMismatch)
	}
	if err != nil {
		if cause := context.Cause(ctx); cause != nil && !errors.Is(err, cause) {
			err = fmt.Errorf("%w (%v)", err, cause)
		}
		return res, fmt.Errorf("object %s: receive content: %w", oid, err)
	}
	if n != size {
		return res, fmt.Errorf("object %s: got %d bytes, declared %d: %w", oid, n, size, lfsstore.ErrSizeMismatch)
	}
	if sum != oid {
		return res, fmt.Errorf("object %s: content hashes to %s: %w", oid, lfsstore.OID(sum), lfsstore.ErrHashMismatch)
	}
	res.Chunks = len(m.Entries)
	res.NewChunks, res.NewBytes = w.chunks, w.written
	if err := s.commit(ctx, w, m, &res); err != nil {
		return res, fmt.Errorf("object %s: %w", oid, err)
	}
	s.written.Add(int64(res.NewChunks))
	s.writtenB.Add(res.NewBytes)
	s.deduped.Add(int64(res.Chunks - res.NewChunks))
	s.dedupedB.Add(dedupB)
	return res, nil
}

// commit makes a verified upload visible, under the shared lock: it
// checks that every pack the manifest names is still there (gc may have
// run while the body arrived: a chunk it moved is found in its new pack
// and checked against its BLAKE3), publishes the new packs' indexes and
// writes the manifest last.
func (s *Store) commit(ctx context.Context, w *packWriter, m *Manifest, res *PutResult) error {
	ctx, unlock, err := s.lock(ctx, false)
	if err != nil {
		return err
	}
	defer unlock()
	if err := s.syncIndex(ctx); err != nil {
		return err
	}
	own, err := w.finish()
	if err != nil {
		return err
	}
	moved := map[Location]Location{}
	for i := range m.Entries {
		e := &m.Entries[i]
		if own[e.Pack] || s.hasPack(e.Pack) {
			continue
		}
		to, ok := moved[e.Location]
		if !ok {
			if to, err = s.relocate(ctx, e.Chunk); err != nil {
				return err
			}
			moved[e.Location] = to
		}
		e.Location = to
	}
	// An object already stored gets the new manifest too: its chunks were
	// just checked (or rewritten), while the old manifest may name a copy
	// that rotted. Writing it also refreshes the object's age, so gc's
	// grace period covers a push in flight.
	if _, err := s.statManifest(ctx, manifestName(m.OID), m.OID); err == nil {
		res.Existed = true
	}
	good := time.Now().UnixNano()
	if err := w.publish(func(p *spoolPack) { s.addPack(p.id, p.entries, good) }); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("store lock lost before the manifest was written: %w", context.Cause(ctx))
	}
	if err := s.b.PutBytes(ctx, manifestName(m.OID), encodeManifest(m)); err != nil {
		return fmt.Errorf("store manifest: %w", err)
	}
	return nil
}

func (s *Store) hasPack(p PackID) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.packs[p]
	return ok
}

// relocate finds a chunk whose pack gc removed (after repacking it, or
// merging duplicate copies) in the index and checks that copy.
func (s *Store) relocate(ctx context.Context, id ChunkID) (Location, error) {
	sl, ok := s.lookup(id)
	if !ok {
		return Location{}, fmt.Errorf("chunk %s: %w", id, lfsstore.ErrStoreChanged)
	}
	ok, err := s.chunkIntact(ctx, sl.Location, id)
	if err != nil {
		return Location{}, err
	}
	if !ok {
		s.forget(id, sl.Location)
		return Location{}, fmt.Errorf("chunk %s: %w", id, lfsstore.ErrStoreChanged)
	}
	return sl.Location, nil
}

// chunkIntact reads one stored chunk and checks it against its id. A
// missing pack is not intact; an error means the store could not be read.
func (s *Store) chunkIntact(ctx context.Context, loc Location, id ChunkID) (bool, error) {
	rc, err := s.b.Get(ctx, packName(loc.Pack), loc.Offset, int64(loc.Length))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	buf := make([]byte, loc.Length)
	_, err = io.ReadFull(rc, buf)
	rc.Close()
	return err == nil && ChunkID(blake3.Sum256(buf)) == id, nil
}

func (s *Store) readManifest(ctx context.Context, oid lfsstore.OID) (*Manifest, error) {
	raw, err := readBlob(ctx, s.b, manifestName(oid))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("object %s: %w", oid, fs.ErrNotExist)
		}
		return nil, err
	}
	m, err := decodeManifest(raw)
	if err != nil {
		return nil, fmt.Errorf("object %s: %w: %w", oid, err, lfsstore.ErrCorrupt)
	}
	if m.OID != oid {
		return nil, fmt.Errorf("object %s: manifest is for %s: %w", oid, m.OID, lfsstore.ErrCorrupt)
	}
	return m, nil
}

// Stat implements lfsstore.Store. It reads only the manifest's header.
func (s *Store) Stat(ctx context.Context, oid lfsstore.OID) (int64, error) {
	return s.statManifest(ctx, manifestName(oid), oid)
}

func (s *Store) statManifest(ctx context.Context, name string, oid lfsstore.OID) (int64, error) {
	rc, err := s.b.Get(ctx, name, 0, 8+32+8)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return 0, fmt.Errorf("object %s: %w", oid, fs.ErrNotExist)
		}
		return 0, err
	}
	defer rc.Close()
	var h [48]byte
	if _, err := io.ReadFull(rc, h[:]); err != nil {
		return 0, fmt.Errorf("object %s: read manifest header: %w", oid, err)
	}
	if string(h[:8]) != manifestMagic || !bytes.Equal(h[8:40], oid[:]) {
		return 0, fmt.Errorf("object %s: manifest header is damaged: %w", oid, lfsstore.ErrCorrupt)
	}
	return int64(binary.BigEndian.Uint64(h[40:])), nil
}

// Delete implements lfsstore.Store: it removes the manifest. The chunks
// stay until gc finds them unreferenced.
func (s *Store) Delete(ctx context.Context, oid lfsstore.OID) error {
	ctx, unlock, err := s.lock(ctx, false)
	if err != nil {
		return err
	}
	defer unlock()
	if err := s.b.Delete(ctx, manifestName(oid)); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("object %s: %w", oid, fs.ErrNotExist)
		}
		return err
	}
	return nil
}

// Walk implements lfsstore.Store.
func (s *Store) Walk(ctx context.Context, fn func(lfsstore.Info) error) error {
	return s.b.List(ctx, "manifests/", func(bl Blob) error {
		oid, ok := manifestOID(bl.Name)
		if !ok {
			return nil
		}
		size, err := s.statManifest(ctx, bl.Name, oid)
		if errors.Is(err, fs.ErrNotExist) {
			return nil // deleted during the walk
		}
		if err != nil {
			return err
		}
		return fn(lfsstore.Info{OID: oid, Size: size})
	})
}

func manifestOID(name string) (lfsstore.OID, bool) {
	rest, ok := strings.CutPrefix(name, "manifests/")
	if !ok || len(rest) != 2+1+64 || rest[2] != '/' {
		return lfsstore.OID{}, false
	}
	oid, err := lfsstore.ParseOID(rest[3:])
	if err != nil || rest[:2] != rest[3:5] {
		return lfsstore.OID{}, false
	}
	return oid, true
}

// Stats are the store's deduplication figures.
type Stats struct {
	Objects      int   // manifests
	LogicalBytes int64 // sum of object sizes: what plain LFS would store
	StoredBytes  int64 // sum of pack sizes
	Chunks       int   // distinct chunks in pack indexes
	Packs        int
	MetaBytes    int64 // manifests and indexes
	// Since this Store was opened, in this process:
	ChunksWritten, ChunksDeduped int64
	BytesWritten, BytesDeduped   int64
}

// Ratio is StoredBytes / LogicalBytes (0 for an empty store).
func (st Stats) Ratio() float64 {
	if st.LogicalBytes == 0 {
		return 0
	}
	return float64(st.StoredBytes) / float64(st.LogicalBytes)
}

// Stats lists the store and sums it up.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.b.List(ctx, "manifests/", func(bl Blob) error {
		oid, ok := manifestOID(bl.Name)
		if !ok {
			return nil
		}
		size, err := s.statManifest(ctx, bl.Name, oid)
		if err != nil {
			return nil
		}
		st.Objects++
		st.LogicalBytes += size
		st.MetaBytes += bl.Size
		return nil
	})
	if err != nil {
		return st, err
	}
	if err := s.b.List(ctx, "packs/", func(bl Blob) error {
		st.Packs++
		st.StoredBytes += bl.Size
		return nil
	}); err != nil {
		return st, err
	}
	if err := s.syncIndex(ctx); err != nil {
		return st, err
	}
	if err != nil {
		return st, err
	}
	if err := s.b.List(ctx, "index/", func(bl Blob) error { st.MetaBytes += bl.Size; return nil }); err != nil {
		return st, err
	}
	s.mu.Lock()
	st.Chunks = len(s.idx)
	s.mu.Unlock()
	st.ChunksWritten, st.ChunksDeduped = s.written.Load(), s.deduped.Load()
	st.BytesWritten, st.BytesDeduped = s.writtenB.Load(), s.dedupedB.Load()
	return st, nil
}

var _ lfsstore.Store = (*Store)(nil)

// Touch refreshes a stored object's manifest time without changing it,
// so that gc's grace period protects an object a push is about to
// reference again. It returns an error wrapping fs.ErrNotExist for a
// missing object, and one wrapping lfsstore.ErrCorrupt if a pack the
// object needs is gone (the caller should have it uploaded again). It
// does not read the chunks: fsck finds rotted bytes.
func (s *Store) Touch(ctx context.Context, oid lfsstore.OID) error {
	ctx, unlock, err := s.lock(ctx, false)
	if err != nil {
		return err
	}
	defer unlock()
	m, err := s.readManifest(ctx, oid)
	if err != nil {
		return err
	}
	if err := s.syncIndex(ctx); err != nil {
		return err
	}
	s.mu.Lock()
	var missing *PackID
	for _, e := range m.Entries {
		if _, ok := s.packs[e.Pack]; !ok {
			missing = &e.Pack
			break
		}
	}
	s.mu.Unlock()
	if missing != nil {
		return fmt.Errorf("object %s: pack %s is gone: %w", oid, *missing, lfsstore.ErrCorrupt)
	}
	return s.b.PutBytes(ctx, manifestName(oid), encodeManifest(m))
}

// Verify reads every stored object back through Open, which checks each
// chunk's BLAKE3 and the object's SHA-256, and calls bad for each object
// that fails. It returns the number of objects checked.
func (s *Store) Verify(ctx context.Context, bad func(oid lfsstore.OID, err error)) (int, error) {
	n := 0
	err := s.Walk(ctx, func(info lfsstore.Info) error {
		n++
		o, err := s.Open(ctx, info.OID)
		if err != nil {
			bad(info.OID, err)
			return nil
		}
		defer o.Close()
		buf := make([]byte, 1<<20)
		if m, err := io.CopyBuffer(io.Discard, o, buf); err != nil {
			bad(info.OID, err)
		} else if m != info.Size {
			bad(info.OID, fmt.Errorf("read %d bytes, manifest says %d", m, info.Size))
		}
		return ctx.Err()
	})
	return n, err
}
