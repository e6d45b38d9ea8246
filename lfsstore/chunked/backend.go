package chunked

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/git-repro/git-repro/internal/atomicfile"
	"github.com/git-repro/git-repro/lfsstore/internal/inflight"
)

// Blob describes one raw blob on a Backend.
type Blob struct {
	Name    string // slash-separated, e.g. "packs/ab/ab12..."
	Size    int64
	ModTime time.Time
}

// Backend stores raw, immutable-once-written blobs by name. The chunked
// Store builds everything on these few operations, so an object store
// (lfsstore/s3) can hold a store as well as a local directory can.
//
// Missing blobs: Get, Stat and Delete return an error wrapping
// fs.ErrNotExist. All methods are safe for concurrent use, also by
// several processes on one store.
type Backend interface {
	// PutFile stores the content of the local file at path under name,
	// atomically (readers see the old blob or the whole new one) and
	// durably once it returns. It consumes the file: on return the file
	// at path is gone, whatever the outcome. The file must have been
	// created in SpoolDir.
	PutFile(ctx context.Context, name, path string) error
	// PutBytes stores data under name with the same guarantees.
	PutBytes(ctx context.Context, name string, data []byte) error
	// Get reads length bytes of name starting at off; length < 0 reads to
	// the end.
	Get(ctx context.Context, name string, off, length int64) (io.ReadCloser, error)
	// Stat returns a blob's size and modification time.
	Stat(ctx context.Context, name string) (Blob, error)
	// List calls fn for every blob whose name starts with prefix.
	List(ctx context.Context, prefix string, fn func(Blob) error) error
	// Delete removes a blob.
	Delete(ctx context.Context, name string) error
	// SpoolDir is a local directory for files passed to PutFile.
	SpoolDir() string
}

// Locker is implemented by backends with native cross-process locks.
// Backends without it get lock objects (see lock.go).
type Locker interface {
	// Lock takes the store's lock, shared or exclusive, waiting until it
	// is free or ctx ends. The returned context is ctx, cancelled if the
	// lock is lost (a lock that cannot be kept fresh); the holder does its
	// work under it. The returned function releases the lock.
	Lock(ctx context.Context, exclusive bool) (held context.Context, unlock func(), err error)
}

// Dir is a Backend on a local directory. Blobs are files under root;
// PutFile and PutBytes write into root/tmp, fsync, rename into place and
// fsync the directory. Locks are flock(2) on root/lock on Unix systems
// (dir_lock_unix.go); elsewhere the store falls back to lock objects.
type Dir struct {
	root string
}

// NewDir opens (creating if needed) a directory backend at root.
func NewDir(root string) (*Dir, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(abs, "tmp"), 0o755); err != nil {
		return nil, fmt.Errorf("create store directory: %w", err)
	}
	return &Dir{root: abs}, nil
}

// Root is the backend's directory.
func (d *Dir) Root() string { return d.root }

// SpoolDir implements Backend.
func (d *Dir) SpoolDir() string { return filepath.Join(d.root, "tmp") }

func (d *Dir) path(name string) (string, error) {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") {
		return "", fmt.Errorf("invalid blob name %q", name)
	}
	for _, el := range strings.Split(name, "/") {
		if el == "" || el == "." || el == ".." {
			return "", fmt.Errorf("invalid blob name %q", name)
		}
	}
	return filepath.Join(d.root, filepath.FromSlash(name)), nil
}

// PutFile implements Backend.
func (d *Dir) PutFile(ctx context.Context, name, path string) error {
	defer os.Remove(path) // no-op after a successful rename
	dst, err := d.path(name)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := mkdirSynced(filepath.Dir(dst)); err != nil {
		return err
	}
	if err := os.Rename(path, dst); err != nil {
		return fmt.Errorf("store blob %q: %w", name, err)
	}
	return atomicfile.SyncDir(filepath.Dir(dst))
}

// PutBytes implements Backend.
func (d *Dir) PutBytes(ctx context.Context, name string, data []byte) error {
	dst, err := d.path(name)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := mkdirSynced(filepath.Dir(dst)); err != nil {
		return err
	}
	var f *atomicfile.File
	release, err := inflight.Mark(d.SpoolDir(), func() (string, error) {
		var err error
		if f, err = atomicfile.CreateIn(d.SpoolDir(), spoolPrefix+"blob-*", dst, 0o600); err != nil {
			return "", err
		}
		return f.Name(), nil
	})
	if err != nil {
		return err
	}
	defer release()
	if _, err := f.Write(data); err != nil {
		f.Abort()
		return err
	}
	if err := f.Commit(); err != nil {
		return fmt.Errorf("store blob %q: %w", name, err)
	}
	return nil
}

type sectionCloser struct {
	io.Reader
	f *os.File
}

func (s sectionCloser) Close() error { return s.f.Close() }

// Get implements Backend.
func (d *Dir) Get(ctx context.Context, name string, off, length int64) (io.ReadCloser, error) {
	p, err := d.path(name)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, blobErr(name, err)
	}
	if length < 0 {
		if _, err := f.Seek(off, io.SeekStart); err != nil {
			f.Close()
			return nil, err
		}
		return f, nil
	}
	return sectionCloser{io.NewSectionReader(f, off, length), f}, nil
}

// Stat implements Backend.
func (d *Dir) Stat(ctx context.Context, name string) (Blob, error) {
	p, err := d.path(name)
	if err != nil {
		return Blob{}, err
	}
	fi, err := os.Stat(p)
	if err != nil {
		return Blob{}, blobErr(name, err)
	}
	return Blob{Name: name, Size: fi.Size(), ModTime: fi.ModTime()}, nil
}

// List implements Backend.
func (d *Dir) List(ctx context.Context, prefix string, fn func(Blob) error) error {
	// Walk the deepest directory that the prefix names fully.
	dir := prefix
	if i := strings.LastIndex(dir, "/"); i >= 0 {
		dir = dir[:i]
	} else {
		dir = ""
	}
	start := d.root
	if dir != "" {
		p, err := d.path(dir)
		if err != nil {
			return err
		}
		start = p
	}
	err := filepath.WalkDir(start, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rel, _ := filepath.Rel(d.root, p)
		rel = filepath.ToSlash(rel)
		if e.IsDir() {
			if rel == "tmp" {
				return filepath.SkipDir
			}
			return nil
		}
		if !e.Type().IsRegular() || !strings.HasPrefix(rel, prefix) || rel == "lock" {
			return nil
		}
		fi, err := e.Info()
		if err != nil {
			return nil // removed during the walk
		}
		return fn(Blob{Name: rel, Size: fi.Size(), ModTime: fi.ModTime()})
	})
	return err
}

// Delete implements Backend.
func (d *Dir) Delete(ctx context.Context, name string) error {
	p, err := d.path(name)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil {
		return blobErr(name, err)
	}
	return atomicfile.SyncDir(filepath.Dir(p))
}

func blobErr(name string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("blob %q: %w", name, fs.ErrNotExist)
	}
	return err
}

func mkdirSynced(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	parent := filepath.Dir(dir)
	if err := mkdirSynced(parent); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return nil
		}
		return err
	}
	return atomicfile.SyncDir(parent)
}

var _ Backend = (*Dir)(nil)
