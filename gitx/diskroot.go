package gitx

import (
	"os"
	"sync"
)

// diskRoot is a directory on disk that reads cannot leave: a path given
// to open has been resolved by Snapshot.resolve (no symlinks), and the
// open refuses to follow one anyway, so a directory swapped for a symlink
// while we run leads nowhere. It is opened on first use; Repo.Close
// closes the worktree's, and the garbage collector a plain directory's.
type diskRoot struct {
	path string

	once sync.Once
	dir  *os.File // the directory, for openat2 (Linux)
	root *os.Root // elsewhere, or where openat2 is missing
	err  error
}

func (d *diskRoot) init() error {
	d.once.Do(func() {
		if d.dir, d.err = os.Open(d.path); d.err != nil {
			return
		}
		d.root, d.err = os.OpenRoot(d.path)
	})
	return d.err
}

// open opens the regular file p (slash-separated, relative to the root)
// for reading without blocking.
func (d *diskRoot) open(p string) (*os.File, error) {
	if err := d.init(); err != nil {
		return nil, err
	}
	return openBeneath(d, p)
}

func (d *diskRoot) close() {
	if d.dir != nil {
		d.dir.Close()
	}
	if d.root != nil {
		d.root.Close()
	}
}
