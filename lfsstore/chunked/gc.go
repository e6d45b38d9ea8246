package chunked

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"time"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/internal/inflight"
	"github.com/zeebo/blake3"
)

// GCOptions control Collect.
type GCOptions struct {
	// Live reports whether an object is reachable (referenced by a ref of
	// some repository). Required.
	Live func(lfsstore.OID) bool
	// Grace keeps objects and packs written less than this long ago,
	// whether reachable or not: a push uploads objects before it updates
	// refs, and those objects must survive.
	Grace time.Duration
	// DryRun computes the report without changing anything.
	DryRun bool
	// RepackBelow: a pack whose live bytes are below this fraction of its
	// size is rewritten with only its live chunks. 0 means 0.5.
	RepackBelow float64
	// Now returns the current time. Default: time.Now.
	Now func() time.Time
}

// GCReport says what Collect found and did (or would do, on a dry run).
type GCReport struct {
	Objects          int // manifests before
	ObjectsReachable int // kept because Live said so
	ObjectsInGrace   int // kept because they are recent
	ObjectsRemoved   int // manifests removed
	Removed          []lfsstore.OID
	LogicalRemoved   int64 // their sizes
	Packs            int   // packs before
	PacksRemoved     int   // no live chunk left
	PacksRepacked    int   // sparse: live chunks copied to new packs
	PacksWritten     int   // new packs from repacking
	PacksInGrace     int   // unreferenced but recent, kept
	// PacksLeased counts packs kept, whatever else held, because an
	// upload in flight uses them (lease.go).
	PacksLeased   int
	LeasesRemoved int // leases of uploads that are no longer running
	ChunksRemoved int
	// ChunksDeduplicated counts references moved from a duplicate copy
	// of a chunk to the one copy that stays.
	ChunksDeduplicated int
	StoredBefore       int64 // pack bytes
	StoredAfter        int64
	SpoolRemoved       int      // spool files of killed uploads
	Damaged            []string // problems found (unreadable manifests, missing packs)
}

// Freed is the number of pack bytes released.
func (r GCReport) Freed() int64 { return r.StoredBefore - r.StoredAfter }

type packInfo struct {
	id      PackID
	size    int64
	mod     time.Time
	entries []IndexEntry
	hasIdx  bool
	live    map[int64]uint32 // offset -> length of referenced chunks
	liveB   int64
}

// Collect is mark and sweep over the store: it removes the manifests of
// objects that are neither live nor within the grace period, then every
// pack none of whose chunks is referenced any more, and rewrites sparse
// packs with only their live chunks (updating the manifests that point
// into them). It holds the store's exclusive lock throughout, so uploads
// and downloads wait for it, and an upload that started before it
// finishes first: its manifest is then recent and protected by Grace.
//
// The phases, in order: markObjects (which manifests stay), markPacks
// (the packs and their indexes), dedupe (one copy of each chunk),
// markChunks (the live bytes of every pack), plan (what to remove and
// what to repack; never a pack an upload in flight has leased), and,
// unless DryRun, sweep.
//
// A real run holds the exclusive lock, which waits only for uploads that
// are committing: uploads still receiving their bytes hold a lease, not
// the lock, and a stalled one never holds gc up. A dry run holds the
// shared lock.
func (s *Store) Collect(ctx context.Context, o GCOptions) (GCReport, error) {
	if o.Live == nil {
		return GCReport{}, errors.New("gc: no reachability function")
	}
	if o.RepackBelow == 0 {
		o.RepackBelow = 0.5
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	// A dry run changes nothing, so it shares the lock with uploads in
	// their commit instead of waiting for all of them.
	ctx, unlock, err := s.lock(ctx, !o.DryRun)
	if err != nil {
		return GCReport{}, err
	}
	defer unlock()
	g := &collection{s: s, o: o, cutoff: now().Add(-o.Grace)}
	if err := g.markObjects(ctx); err != nil {
		return g.r, err
	}
	if err := g.markPacks(ctx); err != nil {
		return g.r, err
	}
	if err := g.markLeased(ctx); err != nil {
		return g.r, err
	}
	g.dedupe()
	g.markChunks()
	g.plan()
	if o.DryRun {
		g.r.PacksWritten = estimatePacks(g.repack, s.cfg.PackSize)
		return g.r, nil
	}
	err = g.sweep(ctx)
	return g.r, err
}

// collection is one Collect run: what each phase found, for the next.
type collection struct {
	s      *Store
	o      GCOptions
	r      GCReport
	cutoff time.Time // written before this: outside the grace period

	kept, drop []manifestBlob       // markObjects
	changed    []bool               // kept[i] must be rewritten (dedupe, repack)
	packs      map[PackID]*packInfo // markPacks
	orphanIdx  []PackID             // indexes without a pack, old enough to remove
	leased     map[PackID]bool      // markLeased: packs uploads in flight use
	deadLeases []string             // leases whose uploads no longer run
	remove     []*packInfo          // plan: no live chunk
	repack     []*packInfo          // plan: sparse or small, live chunks copied
}

type manifestBlob struct {
	name string
	m    *Manifest // nil if it did not decode
}

// markObjects reads every manifest and sorts it into kept (live or
// recent) and drop.
func (g *collection) markObjects(ctx context.Context) error {
	r := &g.r
	err := g.s.b.List(ctx, "manifests/", func(bl Blob) error {
		oid, ok := manifestOID(bl.Name)
		if !ok {
			return nil
		}
		r.Objects++
		live := g.o.Live(oid)
		recent := bl.ModTime.After(g.cutoff)
		raw, err := readBlob(ctx, g.s.b, bl.Name)
		if err != nil {
			return err
		}
		m, derr := decodeManifest(raw)
		switch {
		case live:
			r.ObjectsReachable++
		case recent:
			r.ObjectsInGrace++
		}
		if derr != nil {
			r.Damaged = append(r.Damaged, fmt.Sprintf("manifest %s: %v", bl.Name, derr))
			if live || recent {
				return nil
			}
			g.drop = append(g.drop, manifestBlob{bl.Name, nil})
			return nil
		}
		if live || recent {
			g.kept = append(g.kept, manifestBlob{bl.Name, m})
		} else {
			g.drop = append(g.drop, manifestBlob{bl.Name, m})
			r.LogicalRemoved += m.Size
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("gc: list manifests: %w", err)
	}
	r.ObjectsRemoved = len(g.drop)
	for _, d := range g.drop {
		if oid, ok := manifestOID(d.name); ok {
			r.Removed = append(r.Removed, oid)
		}
	}
	g.changed = make([]bool, len(g.kept))
	return nil
}

// markPacks lists the packs and reads their indexes.
func (g *collection) markPacks(ctx context.Context) error {
	r := &g.r
	g.packs = map[PackID]*packInfo{}
	err := g.s.b.List(ctx, "packs/", func(bl Blob) error {
		i := strings.LastIndexByte(bl.Name, '/')
		id, ok := parsePackID(bl.Name[i+1:])
		if !ok || bl.Name != packName(id) {
			return nil
		}
		g.packs[id] = &packInfo{id: id, size: bl.Size, mod: bl.ModTime, live: map[int64]uint32{}}
		r.Packs++
		r.StoredBefore += bl.Size
		return nil
	})
	if err != nil {
		return fmt.Errorf("gc: list packs: %w", err)
	}
	err = g.s.b.List(ctx, "index/", func(bl Blob) error {
		id, ok := parsePackID(strings.TrimPrefix(bl.Name, "index/"))
		if !ok {
			return nil
		}
		p := g.packs[id]
		if p == nil {
			if bl.ModTime.Before(g.cutoff) {
				g.orphanIdx = append(g.orphanIdx, id)
			}
			return nil
		}
		raw, err := readBlob(ctx, g.s.b, bl.Name)
		if err != nil {
			return err
		}
		if _, entries, err := decodeIndex(raw); err == nil {
			p.entries, p.hasIdx = entries, true
		} else {
			r.Damaged = append(r.Damaged, fmt.Sprintf("index %s: %v", bl.Name, err))
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("gc: list indexes: %w", err)
	}
	return nil
}

// markLeased reads the upload leases: the packs of live ones stay.
func (g *collection) markLeased(ctx context.Context) error {
	ls, err := g.s.leases(ctx)
	if err != nil {
		return fmt.Errorf("gc: %w", err)
	}
	g.leased = map[PackID]bool{}
	for _, l := range ls {
		if !l.live {
			g.deadLeases = append(g.deadLeases, l.Name)
			continue
		}
		for _, p := range l.packs {
			g.leased[p] = true
		}
	}
	return nil
}

// dedupe: two uploads that store the same new chunk at the same moment
// both keep it. Point every reference at one copy, in the oldest pack
// holding it; the other copies then lose their references and go with
// their packs (or a repack).
func (g *collection) dedupe() {
	order := make([]*packInfo, 0, len(g.packs))
	for _, p := range g.packs {
		order = append(order, p)
	}
	slices.SortFunc(order, func(a, b *packInfo) int {
		if c := a.mod.Compare(b.mod); c != 0 {
			return c
		}
		return bytes.Compare(a.id[:], b.id[:])
	})
	canon := map[ChunkID]Location{}
	for _, p := range order {
		for _, e := range p.entries {
			if _, ok := canon[e.Chunk]; !ok {
				canon[e.Chunk] = Location{Pack: p.id, Offset: e.Offset, Length: e.Length}
			}
		}
	}
	for ki, k := range g.kept {
		for i := range k.m.Entries {
			e := &k.m.Entries[i]
			if c, ok := canon[e.Chunk]; ok && c != e.Location && c.Length == e.Length && g.packs[e.Pack] != nil {
				e.Location = c
				g.changed[ki] = true
				g.r.ChunksDeduplicated++
			}
		}
	}
}

// markChunks records, per pack, the chunks the kept manifests use.
func (g *collection) markChunks() {
	for _, k := range g.kept {
		for _, e := range k.m.Entries {
			p := g.packs[e.Pack]
			if p == nil {
				g.r.Damaged = append(g.r.Damaged, fmt.Sprintf("object %s: pack %s is missing", k.m.OID, e.Pack))
				continue
			}
			if _, seen := p.live[e.Offset]; !seen {
				p.live[e.Offset] = e.Length
				p.liveB += int64(e.Length)
			}
		}
	}
}

// plan decides which packs go (no live chunk, outside the grace period)
// and which are rewritten (sparse, or small enough to merge), and
// predicts the stored bytes afterwards.
func (g *collection) plan() {
	r := &g.r
	var small []*packInfo
	for _, p := range g.packs {
		switch {
		case g.leased[p.id]:
			r.PacksLeased++
		case p.liveB == 0 && !p.hasIdx:
			// Stored by an upload that never published its index and
			// holds no lease: it was killed. Nothing can refer to it.
			g.remove = append(g.remove, p)
		case p.liveB == 0 && p.mod.After(g.cutoff):
			r.PacksInGrace++
		case p.liveB == 0:
			g.remove = append(g.remove, p)
			r.ChunksRemoved += len(p.entries)
		case p.mod.Before(g.cutoff) && float64(p.liveB) < g.o.RepackBelow*float64(p.size):
			g.repack = append(g.repack, p)
			r.ChunksRemoved += max(0, len(p.entries)-len(p.live))
		case p.mod.Before(g.cutoff) && p.size < g.s.cfg.PackSize/16:
			// Many small objects leave many small packs (one per
			// Put); merge them so a backend holds few large blobs.
			small = append(small, p)
		}
	}
	if len(small) >= 2 {
		for _, p := range small {
			g.repack = append(g.repack, p)
			r.ChunksRemoved += max(0, len(p.entries)-len(p.live))
		}
	}
	// Deterministic order: packs written earlier first.
	slices.SortFunc(g.repack, func(a, b *packInfo) int { return a.mod.Compare(b.mod) })
	r.PacksRemoved, r.PacksRepacked = len(g.remove), len(g.repack)
	r.StoredAfter = r.StoredBefore
	for _, p := range g.remove {
		r.StoredAfter -= p.size
	}
	for _, p := range g.repack {
		r.StoredAfter -= p.size - p.liveB
	}
}

// sweep carries the plan out, in an order that never leaves a kept
// manifest pointing at a removed pack: dead manifests first, then the
// repacked copies and the manifests that point at them, then the old
// packs.
func (g *collection) sweep(ctx context.Context) error {
	s, r := g.s, &g.r
	for _, d := range g.drop {
		if err := s.b.Delete(ctx, d.name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("gc: remove %s: %w", d.name, err)
		}
	}
	remove := g.remove
	if len(g.repack) > 0 {
		moved, written, err := s.repack(ctx, g.repack)
		if err != nil {
			return err
		}
		r.PacksWritten = written
		for ki, k := range g.kept {
			for i := range k.m.Entries {
				e := &k.m.Entries[i]
				if loc, ok := moved[Location{Pack: e.Pack, Offset: e.Offset, Length: e.Length}]; ok {
					e.Location = loc
					g.changed[ki] = true
				}
			}
		}
		remove = append(remove, g.repack...)
	}
	// Rewrite the manifests that now point elsewhere, before any pack
	// they pointed into goes.
	for ki, k := range g.kept {
		if g.changed[ki] {
			if err := s.b.PutBytes(ctx, k.name, encodeManifest(k.m)); err != nil {
				return fmt.Errorf("gc: rewrite %s: %w", k.name, err)
			}
		}
	}
	for _, p := range remove {
		if p.hasIdx {
			if err := s.b.Delete(ctx, indexName(p.id)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("gc: remove index %s: %w", p.id, err)
			}
		}
		if err := s.b.Delete(ctx, packName(p.id)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("gc: remove pack %s: %w", p.id, err)
		}
	}
	for _, id := range g.orphanIdx {
		s.b.Delete(ctx, indexName(id))
	}
	for _, name := range g.deadLeases {
		if err := removeLease(ctx, s.b, name); err != nil {
			return fmt.Errorf("gc: %w", err)
		}
		r.LeasesRemoved++
	}
	// Spool files of uploads killed mid-way: any no running upload holds.
	spool, err := inflight.RemoveAbandoned(s.b.SpoolDir(), spoolPrefix)
	if err != nil {
		return fmt.Errorf("gc: remove abandoned spool files: %w", err)
	}
	r.SpoolRemoved = len(spool)
	// Stored bytes after: measure rather than trust the estimate.
	r.StoredAfter = 0
	if err := s.b.List(ctx, "packs/", func(bl Blob) error { r.StoredAfter += bl.Size; return nil }); err != nil {
		return err
	}
	return s.syncIndex(ctx)
}

func estimatePacks(ps []*packInfo, packSize int64) int {
	var live int64
	for _, p := range ps {
		live += p.liveB
	}
	if live == 0 {
		return 0
	}
	return int((live + packSize - 1) / packSize)
}

// repack copies the live chunks of ps into new packs, verifying each
// against its BLAKE3, and returns where each moved chunk now lives.
func (s *Store) repack(ctx context.Context, ps []*packInfo) (map[Location]Location, int, error) {
	w := newPackWriter(ctx, s.b, s.cfg.PackSize)
	defer w.abort()
	moved := map[Location]Location{}
	for _, p := range ps {
		ids := map[int64]ChunkID{}
		for _, e := range p.entries {
			ids[e.Offset] = e.Chunk
		}
		rc, err := s.b.Get(ctx, packName(p.id), 0, -1)
		if err != nil {
			return nil, 0, fmt.Errorf("gc: read pack %s: %w", p.id, err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, 0, fmt.Errorf("gc: read pack %s: %w", p.id, err)
		}
		offs := make([]int64, 0, len(p.live))
		for off := range p.live {
			offs = append(offs, off)
		}
		slices.Sort(offs) // keep chunks in their old order: objects stay contiguous
		for _, off := range offs {
			n := p.live[off]
			if off+int64(n) > int64(len(data)) {
				return nil, 0, fmt.Errorf("gc: pack %s is shorter than its chunks say", p.id)
			}
			c := data[off : off+int64(n)]
			id := ChunkID(blake3.Sum256(c))
			if want, ok := ids[off]; ok && want != id {
				return nil, 0, fmt.Errorf("gc: chunk at %d in pack %s is corrupt; not repacking it (run fsck)", off, p.id)
			}
			loc, err := w.add(c, id)
			if err != nil {
				return nil, 0, err
			}
			moved[Location{Pack: p.id, Offset: off, Length: n}] = loc
		}
	}
	if _, err := w.finish(); err != nil {
		return nil, 0, err
	}
	good := time.Now().UnixNano() // every chunk was checked against its BLAKE3 above
	if err := w.publish(func(sp *spoolPack) { s.addPack(sp.id, sp.entries, good) }); err != nil {
		return nil, 0, err
	}
	return moved, w.packs, nil
}
