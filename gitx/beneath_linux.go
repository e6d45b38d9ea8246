package gitx

import (
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// noOpenat2 is set once openat2 proved missing (Linux before 5.6, or a
// seccomp filter that refuses it).
var noOpenat2 atomic.Bool

// openBeneath opens p below d with one openat2 call that refuses any
// symlink and anything outside d; os.Root, which walks the path one
// openat per component, is the fallback.
func openBeneath(d *diskRoot, p string) (*os.File, error) {
	if !noOpenat2.Load() {
		fd, err := unix.Openat2(int(d.dir.Fd()), p, &unix.OpenHow{
			Flags:   unix.O_RDONLY | unix.O_NONBLOCK | unix.O_CLOEXEC,
			Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS | unix.RESOLVE_NO_MAGICLINKS,
		})
		if err == nil {
			return os.NewFile(uintptr(fd), filepath.Join(d.path, p)), nil
		}
		if !errors.Is(err, unix.ENOSYS) && !errors.Is(err, unix.EPERM) {
			return nil, &os.PathError{Op: "open", Path: p, Err: err}
		}
		noOpenat2.Store(true)
	}
	return d.root.OpenFile(filepath.FromSlash(p), os.O_RDONLY|nonBlock, 0)
}
