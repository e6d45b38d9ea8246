package lfsstore

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

// Quarantiner is an optional Store capability: moving a corrupt object
// out of the store while keeping its bytes for inspection. It returns
// where the bytes went.
type Quarantiner interface {
	Quarantine(ctx context.Context, oid OID) (string, error)
}

// Repairer is an optional Store capability for stores whose objects share
// stored data (the chunked store): removing an object found damaged so
// that the next upload of it stores good bytes instead of reusing the
// damaged part. Fsck's Quarantine uses it when the store is not a
// Quarantiner.
type Repairer interface {
	// RemoveDamaged removes oid if it is still damaged and reports
	// whether it did (false: it reads back whole now).
	RemoveDamaged(ctx context.Context, oid OID) (bool, error)
}

// FsckOptions configures Fsck.
type FsckOptions struct {
	// Quarantine moves corrupt objects out of the store (Quarantiner
	// stores), removes them with their damaged parts (Repairer stores) or
	// deletes them (other stores), so the server stops serving them and
	// clients can upload them again.
	Quarantine bool
	// RemoveLeftovers removes what killed uploads left behind (stores
	// that are LeftoverCleaners), never what a running upload uses.
	RemoveLeftovers bool
	// Workers is how many objects are hashed at once; default GOMAXPROCS.
	Workers int
	// Progress, when set, is called after each object (from any worker
	// goroutine, serialised).
	Progress func(FsckProgress)
}

// FsckProgress reports how far Fsck has come.
type FsckProgress struct {
	Objects, TotalObjects int
	Bytes, TotalBytes     int64
}

// CorruptObject is an object whose content does not match its oid.
type CorruptObject struct {
	OID     OID
	Size    int64
	Problem string // what is wrong, lowercase
	MovedTo string // where Quarantine put it ("" if it stayed or was deleted)
	Removed bool   // no longer served
}

// FsckReport is the result of Fsck.
type FsckReport struct {
	Objects int   // objects checked
	Bytes   int64 // bytes hashed
	Corrupt []CorruptObject
	// Leftovers of interrupted uploads (LeftoverCleaner stores): those
	// RemoveLeftovers removed, then those still there (in progress, or
	// all of them without RemoveLeftovers).
	Leftovers []Leftover
}

// Fsck re-reads and re-hashes every object of s and reports the ones whose
// content does not hash to their oid.
func Fsck(ctx context.Context, s Store, opts FsckOptions) (*FsckReport, error) {
	var all []Info
	var total int64
	if err := s.Walk(ctx, func(i Info) error {
		all = append(all, i)
		total += i.Size
		return nil
	}); err != nil {
		return nil, fmt.Errorf("list objects: %w", err)
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	rep := &FsckReport{}
	var (
		mu       sync.Mutex
		done     atomic.Int64
		doneB    atomic.Int64
		firstErr error
		wg       sync.WaitGroup
		next     atomic.Int64
	)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(all) || ctx.Err() != nil {
					return
				}
				info := all[i]
				n, problem, err := checkObject(ctx, s, info)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				if problem != "" {
					rep.Corrupt = append(rep.Corrupt, CorruptObject{OID: info.OID, Size: info.Size, Problem: problem})
				}
				rep.Objects++
				rep.Bytes += n
				p := FsckProgress{Objects: int(done.Add(1)), TotalObjects: len(all), Bytes: doneB.Add(info.Size), TotalBytes: total}
				if opts.Progress != nil {
					opts.Progress(p)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if firstErr != nil {
		return rep, firstErr
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	if lc, ok := s.(LeftoverCleaner); ok {
		if opts.RemoveLeftovers {
			removed, err := lc.RemoveLeftovers(ctx)
			rep.Leftovers = removed
			if err != nil {
				return rep, fmt.Errorf("remove leftovers: %w", err)
			}
		}
		rest, err := lc.Leftovers(ctx)
		rep.Leftovers = append(rep.Leftovers, rest...)
		if err != nil {
			return rep, fmt.Errorf("list leftovers: %w", err)
		}
	}
	if opts.Quarantine {
		for i := range rep.Corrupt {
			c := &rep.Corrupt[i]
			var err error
			if q, ok := s.(Quarantiner); ok {
				c.MovedTo, err = q.Quarantine(ctx, c.OID)
				c.Removed = err == nil
			} else if rp, ok := s.(Repairer); ok {
				c.Removed, err = rp.RemoveDamaged(ctx, c.OID)
			} else {
				err = s.Delete(ctx, c.OID)
				c.Removed = err == nil
			}
			if errors.Is(err, fs.ErrNotExist) {
				err = nil // gone since the check: nothing left to serve
			}
			if err != nil {
				return rep, fmt.Errorf("remove corrupt %s: %w", c.OID, err)
			}
		}
	}
	return rep, nil
}

// checkObject hashes one object. A non-empty problem means corruption;
// err means the store could not be read.
func checkObject(ctx context.Context, s Store, info Info) (int64, string, error) {
	o, err := s.Open(ctx, info.OID)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, "", nil // deleted since the walk (gc)
	}
	if errors.Is(err, ErrCorrupt) {
		return 0, problem(info.OID, err), nil
	}
	if err != nil {
		return 0, "", fmt.Errorf("open %s: %w", info.OID, err)
	}
	defer o.Close()
	h := sha256.New()
	bp := bufPool.Get().(*[]byte)
	defer bufPool.Put(bp)
	n, err := io.CopyBuffer(h, ctxReader{ctx, o}, *bp)
	if errors.Is(err, ErrCorrupt) {
		return n, problem(info.OID, err), nil
	}
	if err != nil {
		return n, "", fmt.Errorf("read %s: %w", info.OID, err)
	}
	var sum OID
	h.Sum(sum[:0])
	switch {
	case n != o.Size():
		return n, fmt.Sprintf("read %d bytes but the object's size is %d", n, o.Size()), nil
	case sum != info.OID:
		return n, fmt.Sprintf("content hashes to %s", sum), nil
	}
	return n, "", nil
}

// problem is err's text without the "object <oid>: " the report already
// shows.
func problem(oid OID, err error) string {
	return strings.TrimPrefix(err.Error(), "object "+oid.String()+": ")
}

type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
