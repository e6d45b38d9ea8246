//go:build unix

package gitx

import (
	"fmt"
	"os"
	"syscall"
)

// readIndexFile maps the index file read-only: on a large repository it is
// megabytes that a copy into the heap would fault in, zero and then make
// the garbage collector scan.
func readIndexFile(p string) (data []byte, release func(), err error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("%s: the index is not a regular file", p)
	}
	if st.Size() == 0 || st.Size() > 1<<31-1 {
		b, err := os.ReadFile(p)
		return b, func() {}, err
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(st.Size()), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		b, err := os.ReadFile(p)
		return b, func() {}, err
	}
	return b, func() { syscall.Munmap(b) }, nil
}
