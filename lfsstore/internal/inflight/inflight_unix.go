//go:build unix

package inflight

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
)

func flock(f *os.File, how int) error {
	for {
		err := syscall.Flock(int(f.Fd()), how)
		if !errors.Is(err, syscall.EINTR) {
			return err
		}
	}
}

func lockDir(dir string, exclusive bool) (func(), error) {
	f, err := os.OpenFile(filepath.Join(dir, dirLock), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	if err := flock(f, how); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}

// hold takes an exclusive flock on path through a descriptor of its own,
// which outlives the writer's descriptor (atomicfile closes its file
// before renaming it).
func hold(path string) (func(), error) { return Hold(path) }

// Hold takes an exclusive flock on path, creating the file if needed,
// until release (or the process's end). Held tells whether some process
// holds it. (Unix only: the chunked store's directory backend marks live
// upload leases this way.)
func Hold(path string) (release func(), err error) {
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := flock(f, syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}

// Held reports whether a process holds path (Hold or Mark); a missing
// file is not held.
func Held(path string) (bool, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	defer f.Close()
	err = flock(f, syscall.LOCK_SH|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return true, nil
	}
	return false, err // a lock taken here goes with f
}

// checkAbandoned tries the file's flock: taken means abandoned. With
// remove, an abandoned file is removed while the flock is held.
func checkAbandoned(f File, remove bool) (bool, error) {
	h, err := os.Open(f.Path)
	if err != nil {
		return false, err
	}
	defer h.Close()
	err = flock(h, syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if remove {
		if err := os.Remove(f.Path); err != nil && !os.IsNotExist(err) {
			return true, err
		}
	}
	return true, nil
}
