package inflight

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// File is one temporary file.
type File struct {
	Path       string
	Size       int64
	ModTime    time.Time
	InProgress bool // a running writer holds it
}

const dirLock = ".inflight.lock"

// Mark runs create, which makes a new file in dir and returns its path,
// and holds that file until release is called: until then List reports
// it in progress and RemoveAbandoned leaves it. Call release after the
// file was renamed into place or removed.
func Mark(dir string, create func() (string, error)) (release func(), err error) {
	unlock, err := lockDir(dir, false)
	if err != nil {
		return nil, err
	}
	defer unlock()
	path, err := create()
	if err != nil {
		return nil, err
	}
	release, err = hold(path)
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	return release, nil
}

// List returns the files in dir whose names start with prefix.
func List(dir, prefix string) ([]File, error) {
	return scan(dir, prefix, false)
}

// RemoveAbandoned removes the files in dir whose names start with prefix
// and that no running writer holds, and returns them.
func RemoveAbandoned(dir, prefix string) ([]File, error) {
	unlock, err := lockDir(dir, true)
	if err != nil {
		return nil, err
	}
	defer unlock()
	return scan(dir, prefix, true)
}

func scan(dir, prefix string, remove bool) ([]File, error) {
	ents, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []File
	for _, e := range ents {
		if !strings.HasPrefix(e.Name(), prefix) || !e.Type().IsRegular() {
			continue
		}
		fi, err := e.Info()
		if err != nil {
			continue // gone since the listing
		}
		f := File{Path: filepath.Join(dir, e.Name()), Size: fi.Size(), ModTime: fi.ModTime()}
		abandoned, err := checkAbandoned(f, remove)
		if err != nil {
			if os.IsNotExist(err) {
				continue
			}
			return out, err
		}
		f.InProgress = !abandoned
		if remove && f.InProgress {
			continue
		}
		out = append(out, f)
	}
	return out, nil
}
