package chunked

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/internal/inflight"
)

// What a killed upload (kill -9, a crash, a lost machine) leaves behind:
// spool files of packs it was writing, packs it stored early whose index
// it never published (nothing can refer to them), and its lease. An
// upload still running holds its spool files (inflight) and its lease, so
// these are told apart by locks its process holds, not by their age: on a
// directory a killed upload's leftovers can go at once; on an object
// store its lease lives on until its written time is lockStale old.

// Leftovers implements lfsstore.LeftoverCleaner.
func (s *Store) Leftovers(ctx context.Context) ([]lfsstore.Leftover, error) {
	return s.leftovers(ctx, false)
}

// RemoveLeftovers implements lfsstore.LeftoverCleaner. It holds the
// exclusive lock while it decides, so no upload can lease a pack in
// between.
func (s *Store) RemoveLeftovers(ctx context.Context) ([]lfsstore.Leftover, error) {
	ctx, unlock, err := s.lock(ctx, true)
	if err != nil {
		return nil, err
	}
	defer unlock()
	return s.leftovers(ctx, true)
}

func (s *Store) leftovers(ctx context.Context, remove bool) ([]lfsstore.Leftover, error) {
	var out []lfsstore.Leftover
	spool := inflight.List
	if remove {
		spool = inflight.RemoveAbandoned
	}
	files, err := spool(s.b.SpoolDir(), spoolPrefix)
	if err != nil {
		return out, fmt.Errorf("spool files: %w", err)
	}
	for _, f := range files {
		out = append(out, lfsstore.Leftover{Kind: "spool file", Name: f.Path, Size: f.Size, ModTime: f.ModTime, InProgress: f.InProgress, Removed: remove})
	}
	ls, err := s.leases(ctx)
	if err != nil {
		return out, err
	}
	leased := map[PackID]bool{}
	for _, l := range ls {
		if l.live {
			for _, p := range l.packs {
				leased[p] = true
			}
		}
	}
	packs, indexes := map[PackID]Blob{}, map[PackID]Blob{}
	if err := s.b.List(ctx, "packs/", func(bl Blob) error {
		if id, ok := parsePackID(bl.Name[strings.LastIndexByte(bl.Name, '/')+1:]); ok && bl.Name == packName(id) {
			packs[id] = bl
		}
		return nil
	}); err != nil {
		return out, err
	}
	if err := s.b.List(ctx, "index/", func(bl Blob) error {
		if id, ok := parsePackID(strings.TrimPrefix(bl.Name, "index/")); ok {
			indexes[id] = bl
		}
		return nil
	}); err != nil {
		return out, err
	}
	var gone []lfsstore.Leftover
	for id, bl := range packs {
		if _, ok := indexes[id]; !ok {
			gone = append(gone, lfsstore.Leftover{Kind: "pack", Name: bl.Name, Size: bl.Size, ModTime: bl.ModTime, InProgress: leased[id]})
		}
	}
	for id, bl := range indexes {
		if _, ok := packs[id]; !ok {
			// A pack is stored before its index is published, and gc
			// removes the index first: an index without a pack names
			// bytes that are gone. (Repair reports the objects.)
			gone = append(gone, lfsstore.Leftover{Kind: "index", Name: bl.Name, Size: bl.Size, ModTime: bl.ModTime})
		}
	}
	for _, l := range ls {
		gone = append(gone, lfsstore.Leftover{Kind: "lease", Name: l.Name, Size: l.Size, ModTime: l.ModTime, InProgress: l.live})
	}
	for _, lo := range gone {
		if remove && !lo.InProgress {
			var err error
			if lo.Kind == "lease" {
				err = removeLease(ctx, s.b, lo.Name)
			} else {
				err = s.b.Delete(ctx, lo.Name)
			}
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return out, fmt.Errorf("remove %s %s: %w", lo.Kind, lo.Name, err)
			}
			lo.Removed = true
		}
		if !remove || lo.Removed {
			out = append(out, lo)
		}
	}
	if remove {
		// Other processes forget removed indexes on their next sync.
		return out, s.syncIndex(ctx)
	}
	return out, nil
}

var _ lfsstore.LeftoverCleaner = (*Store)(nil)
