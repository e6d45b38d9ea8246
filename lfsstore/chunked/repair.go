package chunked

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/git-repro/git-repro/lfsstore"
)

// RepairReport says what Repair found and did.
type RepairReport struct {
	Objects       int            // manifests checked
	Damaged       []lfsstore.OID // objects with a corrupt or missing chunk: their manifests were removed
	CorruptChunks int            // chunk copies whose bytes no longer match their BLAKE3
	IndexesFixed  int            // pack indexes rewritten without their corrupt chunks
}

// Repair checks every chunk that a manifest references, under the
// exclusive lock. An object with a corrupt or missing chunk has its
// manifest removed, so it reads as missing and clients upload it again
// (the LFS batch API asks for it); a corrupt chunk is dropped from its
// pack's index, so that re-upload stores a good copy instead of
// deduplicating against the bad one. Its bytes stay in the pack until gc.
func (s *Store) Repair(ctx context.Context) (RepairReport, error) {
	ctx, unlock, err := s.lock(ctx, true)
	if err != nil {
		return RepairReport{}, err
	}
	defer unlock()
	rp := newRepairer(s)
	var names []string
	if err := s.b.List(ctx, "manifests/", func(bl Blob) error {
		if _, ok := manifestOID(bl.Name); ok {
			names = append(names, bl.Name)
		}
		return nil
	}); err != nil {
		return rp.r, err
	}
	for _, name := range names {
		oid, _ := manifestOID(name)
		if err := rp.object(ctx, oid, false); err != nil {
			return rp.r, err
		}
	}
	return rp.r, rp.finish(ctx)
}

// RemoveDamaged implements lfsstore.Repairer: fsck --quarantine calls it
// for an object that did not read back. Under the exclusive lock it
// checks the object's chunks again; if one is corrupt or missing (or the
// whole object does not hash to its oid) it removes the object's manifest
// (so the batch API asks for it again) and drops the corrupt chunks from
// their packs' indexes (so the next upload stores them afresh rather than
// deduplicating against them). Intact chunks stay: other objects may
// share them. An object that reads back whole now (uploaded again since
// fsck read it) is left alone.
func (s *Store) RemoveDamaged(ctx context.Context, oid lfsstore.OID) (bool, error) {
	ctx, unlock, err := s.lock(ctx, true)
	if err != nil {
		return false, err
	}
	defer unlock()
	rp := newRepairer(s)
	if err := rp.object(ctx, oid, false); err != nil {
		return false, err
	}
	if len(rp.r.Damaged) == 0 {
		err := s.readWhole(ctx, oid)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return false, nil
		case errors.Is(err, lfsstore.ErrCorrupt):
			if err := rp.object(ctx, oid, true); err != nil {
				return false, err
			}
		case err != nil:
			return false, err
		default:
			return false, nil
		}
	}
	return true, rp.finish(ctx)
}

// readWhole reads an object through Open, which checks every chunk and
// the SHA-256.
func (s *Store) readWhole(ctx context.Context, oid lfsstore.OID) error {
	o, err := s.Open(ctx, oid)
	if err != nil {
		return err
	}
	defer o.Close()
	_, err = io.CopyBuffer(io.Discard, o, make([]byte, 1<<20))
	return err
}

type chunkKey struct {
	pack PackID
	off  int64
}

// repairer checks chunks once each and collects the verdicts.
type repairer struct {
	s       *Store
	r       RepairReport
	verdict map[chunkKey]bool // chunk location -> intact
}

func newRepairer(s *Store) *repairer { return &repairer{s: s, verdict: map[chunkKey]bool{}} }

func (rp *repairer) check(ctx context.Context, e ManifestEntry) (bool, error) {
	k := chunkKey{e.Pack, e.Offset}
	if ok, seen := rp.verdict[k]; seen {
		return ok, nil
	}
	ok, err := rp.s.chunkIntact(ctx, e.Location, e.Chunk)
	if err != nil {
		return false, err
	}
	if !ok {
		rp.r.CorruptChunks++
	}
	rp.verdict[k] = ok
	return ok, nil
}

// object checks every chunk of one object and removes its manifest if any
// is bad (always, with remove: the caller found the object damaged).
func (rp *repairer) object(ctx context.Context, oid lfsstore.OID, remove bool) error {
	name := manifestName(oid)
	m, err := rp.s.readManifest(ctx, oid)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	rp.r.Objects++
	damaged := remove || err != nil
	if err == nil {
		for _, e := range m.Entries {
			ok, err := rp.check(ctx, e)
			if err != nil {
				return fmt.Errorf("repair: object %s: %w", oid, err)
			}
			if !ok {
				damaged = true
			}
		}
	}
	if damaged {
		if err := rp.s.b.Delete(ctx, name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("repair: remove %s: %w", name, err)
		}
		rp.r.Damaged = append(rp.r.Damaged, oid)
	}
	return nil
}

// finish drops the corrupt chunks from their packs' indexes.
func (rp *repairer) finish(ctx context.Context) error {
	s, r := rp.s, &rp.r
	bad := map[PackID]map[int64]bool{}
	for k, ok := range rp.verdict {
		if !ok {
			if bad[k.pack] == nil {
				bad[k.pack] = map[int64]bool{}
			}
			bad[k.pack][k.off] = true
		}
	}
	for p, offs := range bad {
		raw, err := readBlob(ctx, s.b, indexName(p))
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		id, entries, err := decodeIndex(raw)
		if err != nil || id != p {
			continue
		}
		kept := entries[:0]
		for _, e := range entries {
			if !offs[e.Offset] {
				kept = append(kept, e)
			}
		}
		if err := s.b.PutBytes(ctx, indexName(p), encodeIndex(p, kept)); err != nil {
			return fmt.Errorf("repair: rewrite index %s: %w", p, err)
		}
		r.IndexesFixed++
	}
	// Every process, this one included, notices the shorter indexes on
	// its next sync and reloads them.
	return s.syncIndex(ctx)
}

var _ lfsstore.Repairer = (*Store)(nil)
