package chunked

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// spoolPrefix starts the name of every spool file, so gc can remove the
// ones a killed process left behind without touching anything else in a
// shared temporary directory.
const spoolPrefix = "git-repro-spool-"

// removeStaleSpool deletes spool files last written before cutoff and
// returns how many.
func removeStaleSpool(dir string, cutoff time.Time) int {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return 0
	}
	n := 0
	for _, e := range ents {
		if !strings.HasPrefix(e.Name(), spoolPrefix) {
			continue
		}
		if fi, err := e.Info(); err == nil && fi.ModTime().Before(cutoff) && os.Remove(filepath.Join(dir, e.Name())) == nil {
			n++
		}
	}
	return n
}

// packWriter spools new chunks into local pack files of about packSize
// bytes; nothing reaches the backend until commit.
type packWriter struct {
	b        Backend
	packSize int64
	cur      *spoolPack
	done     []*spoolPack
	written  int64 // chunk bytes written
	chunks   int
}

type spoolPack struct {
	id      PackID
	f       *os.File
	size    int64
	entries []IndexEntry
}

func newPackWriter(b Backend, packSize int64) *packWriter {
	return &packWriter{b: b, packSize: packSize}
}

// add appends one chunk and returns where it will live.
func (w *packWriter) add(data []byte, id ChunkID) (Location, error) {
	if w.cur != nil && w.cur.size+int64(len(data)) > w.packSize {
		w.done = append(w.done, w.cur)
		w.cur = nil
	}
	if w.cur == nil {
		f, err := os.CreateTemp(w.b.SpoolDir(), spoolPrefix+"pack-*")
		if err != nil {
			return Location{}, fmt.Errorf("spool pack: %w", err)
		}
		w.cur = &spoolPack{id: newPackID(), f: f}
	}
	p := w.cur
	if _, err := p.f.Write(data); err != nil {
		return Location{}, fmt.Errorf("spool pack: %w", err)
	}
	loc := Location{Pack: p.id, Offset: p.size, Length: uint32(len(data))}
	p.entries = append(p.entries, IndexEntry{Chunk: id, Offset: p.size, Length: uint32(len(data))})
	p.size += int64(len(data))
	w.written += int64(len(data))
	w.chunks++
	return loc, nil
}

func (w *packWriter) all() []*spoolPack {
	if w.cur != nil {
		w.done = append(w.done, w.cur)
		w.cur = nil
	}
	return w.done
}

// commit stores every pack and then its index. Call it before writing any
// manifest that refers to the packs. onPack is called for each stored
// pack (to add it to the in-memory index).
func (w *packWriter) commit(ctx context.Context, onPack func(*spoolPack)) error {
	packs := w.all()
	for i, p := range packs {
		if err := p.f.Sync(); err != nil {
			return fmt.Errorf("fsync pack: %w", err)
		}
		if err := p.f.Close(); err != nil {
			return err
		}
		name := p.f.Name()
		p.f = nil
		if err := w.b.PutFile(ctx, packName(p.id), name); err != nil {
			w.done = packs[i+1:]
			return fmt.Errorf("store pack %s: %w", p.id, err)
		}
		if err := w.b.PutBytes(ctx, indexName(p.id), encodeIndex(p.id, p.entries)); err != nil {
			w.done = packs[i+1:]
			return fmt.Errorf("store index of pack %s: %w", p.id, err)
		}
		if onPack != nil {
			onPack(p)
		}
	}
	w.done = nil
	return nil
}

// abort removes spooled packs that were not committed.
func (w *packWriter) abort() {
	for _, p := range w.all() {
		if p.f != nil {
			p.f.Close()
			os.Remove(p.f.Name())
		}
	}
	w.done = nil
}
