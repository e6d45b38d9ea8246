//go:build !unix

package inflight

import (
	"os"
	"time"
)

// Without flock, a file counts as in progress for staleAfter after it
// was last written.
const staleAfter = 24 * time.Hour

func lockDir(string, bool) (func(), error) { return func() {}, nil }

func hold(string) (func(), error) { return func() {}, nil }

func checkAbandoned(f File, remove bool) (bool, error) {
	if time.Since(f.ModTime) < staleAfter {
		return false, nil
	}
	if remove {
		if err := os.Remove(f.Path); err != nil && !os.IsNotExist(err) {
			return true, err
		}
	}
	return true, nil
}
