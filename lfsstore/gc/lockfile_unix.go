//go:build unix

package gc

import (
	"io/fs"
	"os"
	"syscall"
)

// lockFile takes an exclusive flock on path, creating it.
func lockFile(path string) (func(), error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return func() { f.Close() }, nil
}

// fileIdent tells a file replaced by a rename from the one read before.
type fileIdent struct{ dev, ino uint64 }

func identOf(fi fs.FileInfo) fileIdent {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return fileIdent{uint64(st.Dev), uint64(st.Ino)}
	}
	return fileIdent{}
}
