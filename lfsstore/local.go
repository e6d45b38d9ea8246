package lfsstore

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/git-repro/git-repro/internal/atomicfile"
	"github.com/git-repro/git-repro/lfsstore/internal/inflight"
)

// Local is a Store on a local filesystem. Objects live under
// <root>/objects/<aa>/<bb>/<oid> (the layout git-lfs uses in .git/lfs),
// uploads in progress under <root>/tmp, and objects that fsck found
// corrupt under <root>/quarantine.
//
// Put streams into a uniquely named file in <root>/tmp while hashing,
// checks size and SHA-256, fsyncs the file, renames it into place and
// fsyncs the directory. A crash at any point leaves at most an orphaned
// temporary file, never a partial object.
type Local struct {
	root string
}

// Temporary-file prefix; Leftovers recognises it.
const tmpPrefix = "put-"

// NewLocal opens (creating if needed) a local store rooted at dir.
func NewLocal(dir string) (*Local, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	for _, d := range []string{"objects", "tmp"} {
		if err := os.MkdirAll(filepath.Join(abs, d), 0o755); err != nil {
			return nil, fmt.Errorf("create store directory: %w", err)
		}
	}
	return &Local{root: abs}, nil
}

// Root returns the store's root directory.
func (l *Local) Root() string { return l.root }

func (l *Local) path(oid OID) string {
	s := oid.String()
	return filepath.Join(l.root, "objects", s[0:2], s[2:4], s)
}

// Stat implements Store.
func (l *Local) Stat(ctx context.Context, oid OID) (int64, error) {
	fi, err := os.Stat(l.path(oid))
	if err != nil {
		return 0, notExist(oid, err)
	}
	return fi.Size(), nil
}

type localObject struct {
	*os.File
	size int64
}

func (o localObject) Size() int64 { return o.size }

// OSFile exposes the open file so an HTTP server can use sendfile.
func (o localObject) OSFile() *os.File { return o.File }

// Open implements Store.
func (l *Local) Open(ctx context.Context, oid OID) (Object, error) {
	f, err := os.Open(l.path(oid))
	if err != nil {
		return nil, notExist(oid, err)
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	return localObject{f, fi.Size()}, nil
}

func notExist(oid OID, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("object %s: %w", oid, fs.ErrNotExist)
	}
	return err
}

// copyBufSize: read() costs microseconds, so copy in large blocks.
const copyBufSize = 1 << 20

var bufPool = sync.Pool{New: func() any { b := make([]byte, copyBufSize); return &b }}

// Put implements Store.
func (l *Local) Put(ctx context.Context, oid OID, size int64, r io.Reader) (err error) {
	if size < 0 {
		return fmt.Errorf("object %s: negative size %d: %w", oid, size, ErrSizeMismatch)
	}
	final := l.path(oid)
	tmp := filepath.Join(l.root, "tmp")
	var f *atomicfile.File
	release, err := inflight.Mark(tmp, func() (string, error) {
		var err error
		f, err = atomicfile.CreateIn(tmp, tmpPrefix+oid.String()+"-*", final, 0o600)
		if err != nil {
			return "", err
		}
		return f.Name(), nil
	})
	if err != nil {
		return fmt.Errorf("create temporary file: %w", err)
	}
	defer release()
	defer f.Abort() // a no-op after Commit
	n, sum, err := hashCopy(ctx, &writebackFile{f: f.File}, io.LimitReader(r, size+1))
	if err != nil {
		return fmt.Errorf("object %s: receive content: %w", oid, err)
	}
	if n != size {
		if n > size {
			return fmt.Errorf("object %s: got more than the declared %d bytes: %w", oid, size, ErrSizeMismatch)
		}
		return fmt.Errorf("object %s: got %d bytes, declared %d: %w", oid, n, size, ErrSizeMismatch)
	}
	if sum != oid {
		return fmt.Errorf("object %s: content hashes to %s: %w", oid, OID(sum), ErrHashMismatch)
	}
	if err := l.mkShardDirs(final); err != nil {
		return err
	}
	// Renaming over an existing copy is atomic and harmless: both hold
	// the same verified bytes, and it repairs a copy that rotted.
	if err := f.Commit(); err != nil {
		return fmt.Errorf("store object %s: %w", oid, err)
	}
	return nil
}

// mkShardDirs creates the aa/bb directories of final, fsyncing each parent
// whose entries changed so the new directories survive a crash.
func (l *Local) mkShardDirs(final string) error {
	bb := filepath.Dir(final)
	if _, err := os.Stat(bb); err == nil {
		return nil
	}
	aa := filepath.Dir(bb)
	for _, d := range []string{aa, bb} {
		err := os.Mkdir(d, 0o755)
		if err == nil {
			if err := atomicfile.SyncDir(filepath.Dir(d)); err != nil {
				return err
			}
		} else if !errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("create shard directory: %w", err)
		}
	}
	return nil
}

// writebackWindow is how much an upload writes before Put asks the
// kernel to start flushing it.
const writebackWindow = 8 << 20

// writebackFile starts disk writeback of each completed window while the
// upload is still arriving.
type writebackFile struct {
	f              *os.File
	written, begun int64
}

func (w *writebackFile) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.written += int64(n)
	if w.written-w.begun >= writebackWindow {
		startWriteback(w.f, w.begun, w.written-w.begun)
		w.begun = w.written
	}
	return n, err
}

// hashCopy copies r to w in large blocks while computing SHA-256.
func hashCopy(ctx context.Context, w io.Writer, r io.Reader) (int64, [32]byte, error) {
	var sum [32]byte
	h := sha256.New()
	bp := bufPool.Get().(*[]byte)
	defer bufPool.Put(bp)
	buf := *bp
	var n int64
	for {
		if err := ctx.Err(); err != nil {
			return n, sum, err
		}
		m, rerr := io.ReadFull(r, buf)
		if m > 0 {
			h.Write(buf[:m])
			if _, err := w.Write(buf[:m]); err != nil {
				return n, sum, err
			}
			n += int64(m)
		}
		if rerr == io.EOF || rerr == io.ErrUnexpectedEOF {
			break
		}
		if rerr != nil {
			return n, sum, rerr
		}
	}
	h.Sum(sum[:0])
	return n, sum, nil
}

// Delete implements Store.
func (l *Local) Delete(ctx context.Context, oid OID) error {
	p := l.path(oid)
	if err := os.Remove(p); err != nil {
		return notExist(oid, err)
	}
	return atomicfile.SyncDir(filepath.Dir(p))
}

// Walk implements Store.
func (l *Local) Walk(ctx context.Context, fn func(Info) error) error {
	objects := filepath.Join(l.root, "objects")
	aas, err := os.ReadDir(objects)
	if err != nil {
		return err
	}
	for _, aa := range aas {
		if !aa.IsDir() || len(aa.Name()) != 2 {
			continue
		}
		bbs, err := os.ReadDir(filepath.Join(objects, aa.Name()))
		if err != nil {
			return err
		}
		for _, bb := range bbs {
			if !bb.IsDir() || len(bb.Name()) != 2 {
				continue
			}
			dir := filepath.Join(objects, aa.Name(), bb.Name())
			ents, err := os.ReadDir(dir)
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					continue
				}
				return err
			}
			for _, e := range ents {
				if err := ctx.Err(); err != nil {
					return err
				}
				oid, err := ParseOID(e.Name())
				if err != nil || !e.Type().IsRegular() || e.Name()[:2] != aa.Name() || e.Name()[2:4] != bb.Name() {
					continue // not an object (stray file); fsck reports strays separately
				}
				fi, err := e.Info()
				if err != nil {
					if errors.Is(err, fs.ErrNotExist) {
						continue // deleted during the walk
					}
					return err
				}
				if err := fn(Info{OID: oid, Size: fi.Size()}); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Quarantine moves a stored object out of the store into
// <root>/quarantine, keeping it for inspection. It implements Quarantiner.
func (l *Local) Quarantine(ctx context.Context, oid OID) (string, error) {
	qdir := filepath.Join(l.root, "quarantine")
	if err := os.MkdirAll(qdir, 0o755); err != nil {
		return "", err
	}
	dst := filepath.Join(qdir, fmt.Sprintf("%s.%d", oid, time.Now().UnixNano()))
	p := l.path(oid)
	if err := os.Rename(p, dst); err != nil {
		return "", notExist(oid, err)
	}
	if err := atomicfile.SyncDir(filepath.Dir(p)); err != nil {
		return "", err
	}
	return dst, atomicfile.SyncDir(qdir)
}

// Leftovers implements LeftoverCleaner: the temporary files of uploads
// under <root>/tmp, in progress or abandoned by a crash or a killed
// client. They are never visible as objects.
func (l *Local) Leftovers(ctx context.Context) ([]Leftover, error) {
	fs, err := inflight.List(filepath.Join(l.root, "tmp"), tmpPrefix)
	return tempLeftovers(fs, false), err
}

// RemoveLeftovers implements LeftoverCleaner: it removes the temporary
// files no running upload holds, whatever their age.
func (l *Local) RemoveLeftovers(ctx context.Context) ([]Leftover, error) {
	fs, err := inflight.RemoveAbandoned(filepath.Join(l.root, "tmp"), tmpPrefix)
	return tempLeftovers(fs, true), err
}

func tempLeftovers(fs []inflight.File, removed bool) []Leftover {
	var out []Leftover
	for _, f := range fs {
		out = append(out, Leftover{Kind: "temporary file", Name: f.Path, Size: f.Size, ModTime: f.ModTime, InProgress: f.InProgress, Removed: removed})
	}
	return out
}

var _ LeftoverCleaner = (*Local)(nil)

var _ Store = (*Local)(nil)
