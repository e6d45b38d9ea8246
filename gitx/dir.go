package gitx

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/git-repro/git-repro/snapshot"
)

// Dir returns a snapshot of a plain directory, as if every file in it were
// committed: used for directories outside git and by golden tests. The
// .gitattributes and .gitignore files inside it are honoured; .git is not
// part of it.
func Dir(root string) *Snapshot {
	return newSnapshot(dirSource{root: root, d: &diskRoot{path: root}})
}

type dirSource struct {
	root string
	d    *diskRoot
}

func (s dirSource) disk() diskFS { return diskFS{root: s.root, d: s.d} }
func (s dirSource) onDisk()      {}

func (s dirSource) lookup(p string) (entry, error)             { return s.disk().lookup(p) }
func (s dirSource) readlink(p string, e entry) (string, error) { return s.disk().readlink(p, e) }
func (s dirSource) read(p string, e entry, limit int64) ([]byte, error) {
	return s.disk().read(p, e, limit)
}
func (s dirSource) size(p string, e entry) (int64, error) { return e.size, nil }

func (s dirSource) list() ([]snapshot.FileInfo, []string, error) {
	var files []snapshot.FileInfo
	err := filepath.WalkDir(s.root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(s.root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if d.Name() == ".git" && rel != "." {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0 { // not a device, FIFO or socket
			files = append(files, snapshot.FileInfo{Path: rel})
		}
		return nil
	})
	sortInfos(files)
	return files, nil, err
}

func (s dirSource) extra(string) []byte { return nil }

func (s dirSource) dir() string { return s.root }

// diskSource marks the sources that read files on disk.
type diskSource interface{ onDisk() }

// diskFS reads a directory tree on disk. Paths given to it are free of
// symlinks (Snapshot.resolve follows those); reads go through d, so even a
// directory swapped for a symlink meanwhile cannot lead out.
type diskFS struct {
	root string
	d    *diskRoot
}

func (d diskFS) abs(p string) string { return filepath.Join(d.root, filepath.FromSlash(p)) }

func (d diskFS) lookup(p string) (entry, error) {
	st, err := os.Lstat(d.abs(p))
	if err != nil {
		return entry{}, err
	}
	e := entry{mode: st.Mode(), size: st.Size()}
	switch m := st.Mode(); {
	case m.IsRegular():
		e.kind = kindFile
	case m&fs.ModeSymlink != 0:
		e.kind = kindSymlink
	case m.IsDir():
		e.kind = kindDir
	default:
		e.kind = kindOther
	}
	return e, nil
}

func (d diskFS) readlink(p string, e entry) (string, error) {
	t, err := os.Readlink(d.abs(p))
	if err != nil {
		return "", err
	}
	if int64(len(t)) > snapshot.MaxSymlinkSize {
		return "", fmt.Errorf("%s: symlink target of %d bytes: %w", p, len(t), snapshot.ErrTooLarge)
	}
	return filepath.ToSlash(t), nil
}

// open opens the regular file p for reading: without blocking (a FIFO
// swapped in meanwhile cannot hang us) and checked to be regular once
// open.
func (d diskFS) open(p string) (*os.File, fs.FileInfo, error) {
	f, err := d.d.open(p)
	if err != nil {
		return nil, nil, err
	}
	st, err := regular(f, p)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}

func (d diskFS) read(p string, e entry, limit int64) ([]byte, error) {
	f, st, err := d.open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readCapped(f, st, p, limit)
}

// copyTo streams the regular file p into w and returns its size.
func (d diskFS) copyTo(p string, w io.Writer) (int64, error) {
	f, _, err := d.open(p)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	return io.CopyBuffer(w, f, make([]byte, 1<<20))
}

// regular describes an open file, and fails unless it is a regular one.
func regular(f *os.File, name string) (fs.FileInfo, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: snapshot.ErrNotRegular}
	}
	return st, nil
}

// readCapped reads an open regular file, at most limit bytes.
func readCapped(f *os.File, st fs.FileInfo, name string, limit int64) ([]byte, error) {
	if st.Size() > limit {
		return nil, fmt.Errorf("%s: %d bytes, over the %d-byte cap: %w", name, st.Size(), limit, snapshot.ErrTooLarge)
	}
	b, err := snapshot.ReadAll(f, limit)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return b, nil
}

// ReadRegularFile reads a file named on the command line (-c FILE): it
// follows symlinks, as the user named the file, but reads only a regular
// file (never a device or a FIFO: it opens without blocking and checks),
// and at most limit bytes (more: an error wrapping snapshot.ErrTooLarge;
// not regular: snapshot.ErrNotRegular).
func ReadRegularFile(name string, limit int64) ([]byte, error) {
	f, err := os.OpenFile(name, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := regular(f, name)
	if err != nil {
		return nil, err
	}
	return readCapped(f, st, name, limit)
}
