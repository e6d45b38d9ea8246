package chunked

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"

	"github.com/git-repro/git-repro/lfsstore"
	"github.com/git-repro/git-repro/lfsstore/internal/inflight"
)

// spoolPrefix starts the name of every spool file, so leftovers of a
// killed process can be told from anything else in a shared temporary
// directory. Spool files are created through inflight.Mark: a running
// upload holds its own, so cleaning never removes them.
const spoolPrefix = "git-repro-spool-"

// createSpool creates a held spool file in dir.
func createSpool(dir, kind string) (*os.File, func(), error) {
	var f *os.File
	release, err := inflight.Mark(dir, func() (string, error) {
		var err error
		if f, err = os.CreateTemp(dir, spoolPrefix+kind+"-*"); err != nil {
			return "", err
		}
		return f.Name(), nil
	})
	if err != nil {
		return nil, nil, err
	}
	return f, release, nil
}

// packWriter spools new chunks into local pack files of about packSize
// bytes. A pack that fills up is stored right away in the background
// (fsync and rename, or an S3 upload), overlapping the upload with the
// rest of the ingest; but its index, which is what lets other writers
// deduplicate against it, is published only by commit, after the object
// was verified. So abort can delete early packs: nobody can refer to a
// pack without an index.
type packWriter struct {
	ctx      context.Context
	b        Backend
	packSize int64
	cur      *spoolPack
	written  int64 // chunk bytes written
	chunks   int
	packs    int // packs started

	// onNew, when set, is called with each new pack's id before any of
	// its bytes are written (the upload's lease names it first).
	onNew func(PackID) error

	wg     sync.WaitGroup
	mu     sync.Mutex
	stored []*spoolPack // pack blobs stored (index not yet published)
	err    error
	sem    chan struct{}
}

type spoolPack struct {
	id      PackID
	f       *os.File
	path    string
	release func() // the spool file's inflight hold
	size    int64
	entries []IndexEntry
}

func newPackWriter(ctx context.Context, b Backend, packSize int64) *packWriter {
	return &packWriter{ctx: ctx, b: b, packSize: packSize, sem: make(chan struct{}, 1)}
}

// add appends one chunk and returns where it will live.
func (w *packWriter) add(data []byte, id ChunkID) (Location, error) {
	if w.cur != nil && w.cur.size+int64(len(data)) > w.packSize {
		w.background(w.cur)
		w.cur = nil
	}
	if w.cur == nil {
		id := newPackID()
		if w.onNew != nil {
			if err := w.onNew(id); err != nil {
				return Location{}, err
			}
		}
		f, release, err := createSpool(w.b.SpoolDir(), "pack")
		if err != nil {
			return Location{}, fmt.Errorf("spool pack: %w", err)
		}
		w.cur = &spoolPack{id: id, f: f, path: f.Name(), release: release}
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

// background stores a full pack blob on its own goroutine, one at a time.
func (w *packWriter) background(p *spoolPack) {
	w.packs++
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		w.sem <- struct{}{}
		defer func() { <-w.sem }()
		err := w.storeBlob(p)
		w.mu.Lock()
		defer w.mu.Unlock()
		if err != nil {
			if w.err == nil {
				w.err = err
			}
			return
		}
		w.stored = append(w.stored, p)
	}()
}

func (w *packWriter) storeBlob(p *spoolPack) error {
	defer p.release() // after PutFile consumed the file, or it was removed
	if err := p.f.Sync(); err != nil {
		p.f.Close()
		os.Remove(p.path)
		return fmt.Errorf("fsync pack: %w", err)
	}
	if err := p.f.Close(); err != nil {
		os.Remove(p.path)
		return err
	}
	if err := w.b.PutFile(w.ctx, packName(p.id), p.path); err != nil {
		return fmt.Errorf("store pack %s: %w", p.id, err)
	}
	return nil
}

// finish stores the last pack, waits for the background ones and checks
// that they are all still there (an upload's lease keeps gc from removing
// them; this makes sure). It returns the packs written.
func (w *packWriter) finish() (map[PackID]bool, error) {
	if w.cur != nil {
		w.background(w.cur)
		w.cur = nil
	}
	w.wg.Wait()
	if w.err != nil {
		return nil, w.err
	}
	own := map[PackID]bool{}
	for _, p := range w.stored {
		if _, err := w.b.Stat(w.ctx, packName(p.id)); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("new pack %s: %w", p.id, lfsstore.ErrStoreChanged)
			}
			return nil, err
		}
		own[p.id] = true
	}
	return own, nil
}

// publish writes the index of every pack finish stored. Call it before
// writing any manifest that refers to the packs. onPack is called for
// each published pack (to add it to the in-memory index).
func (w *packWriter) publish(onPack func(*spoolPack)) error {
	for _, p := range w.stored {
		if err := w.b.PutBytes(w.ctx, indexName(p.id), encodeIndex(p.id, p.entries)); err != nil {
			return fmt.Errorf("store index of pack %s: %w", p.id, err)
		}
		if onPack != nil {
			onPack(p)
		}
	}
	w.stored = nil
	return nil
}

// abort undoes an uncommitted writer: it removes spool files and the pack
// blobs stored early (their indexes were never published, so nothing can
// refer to them).
func (w *packWriter) abort() {
	if w.cur != nil {
		w.cur.f.Close()
		os.Remove(w.cur.path)
		w.cur.release()
		w.cur = nil
	}
	w.wg.Wait()
	ctx := context.WithoutCancel(w.ctx)
	for _, p := range w.stored {
		w.b.Delete(ctx, packName(p.id))
	}
	w.stored = nil
}
