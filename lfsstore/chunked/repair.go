package chunked

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/zeebo/blake3"
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
	var r RepairReport
	unlock, err := s.lock(ctx, true)
	if err != nil {
		return r, err
	}
	defer unlock()

	type key struct {
		pack PackID
		off  int64
	}
	verdict := map[key]bool{} // chunk location -> intact
	check := func(e ManifestEntry) (bool, error) {
		k := key{e.Pack, e.Offset}
		if ok, seen := verdict[k]; seen {
			return ok, nil
		}
		rc, err := s.b.Get(ctx, packName(e.Pack), e.Offset, int64(e.Length))
		if errors.Is(err, fs.ErrNotExist) {
			verdict[k] = false
			return false, nil
		}
		if err != nil {
			return false, err
		}
		buf := make([]byte, e.Length)
		_, err = io.ReadFull(rc, buf)
		rc.Close()
		ok := err == nil && ChunkID(blake3.Sum256(buf)) == e.Chunk
		if !ok {
			r.CorruptChunks++
		}
		verdict[k] = ok
		return ok, nil
	}
	var names []string
	if err := s.b.List(ctx, "manifests/", func(bl Blob) error {
		if _, ok := manifestOID(bl.Name); ok {
			names = append(names, bl.Name)
		}
		return nil
	}); err != nil {
		return r, err
	}
	for _, name := range names {
		oid, _ := manifestOID(name)
		r.Objects++
		m, err := s.readManifest(ctx, oid)
		damaged := err != nil && !errors.Is(err, fs.ErrNotExist)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err == nil {
			for _, e := range m.Entries {
				ok, err := check(e)
				if err != nil {
					return r, fmt.Errorf("repair: object %s: %w", oid, err)
				}
				if !ok {
					damaged = true
				}
			}
		}
		if damaged {
			if err := s.b.Delete(ctx, name); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return r, fmt.Errorf("repair: remove %s: %w", name, err)
			}
			r.Damaged = append(r.Damaged, oid)
		}
	}
	// Drop corrupt chunks from their packs' indexes.
	bad := map[PackID]map[int64]bool{}
	for k, ok := range verdict {
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
			return r, err
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
			return r, fmt.Errorf("repair: rewrite index %s: %w", p, err)
		}
		r.IndexesFixed++
	}
	// Every process, this one included, notices the shorter indexes on
	// its next sync and reloads them.
	return r, s.syncIndex(ctx)
}
