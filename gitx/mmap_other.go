//go:build !unix

package gitx

import "os"

// readIndexFile reads the index file (see mmap_unix.go).
func readIndexFile(p string) ([]byte, func(), error) {
	b, err := os.ReadFile(p)
	return b, func() {}, err
}
