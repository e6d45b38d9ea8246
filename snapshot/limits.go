package snapshot

import (
	"errors"
	"fmt"
	"io"
)

// Caps on what a snapshot reads. A repository is hostile input: a
// committed symlink to /dev/zero, a FIFO, or a multi-gigabyte blob must
// cost an error, not memory or a hang.
const (
	// MaxFileSize is the most ReadFile returns; a larger file is an error
	// wrapping ErrTooLarge (Stat still describes it, with its size).
	MaxFileSize int64 = 64 << 20
	// MaxConfigSize caps configuration files (.repro.yaml, -c FILE).
	MaxConfigSize int64 = 1 << 20
	// MaxSymlinkHops bounds a chain of symlinks followed inside a
	// snapshot (Linux's MAXSYMLINKS).
	MaxSymlinkHops = 40
	// MaxSymlinkSize caps a symlink's stored target (PATH_MAX).
	MaxSymlinkSize int64 = 4096
)

var (
	// ErrTooLarge: the file is larger than the cap its reader applies.
	ErrTooLarge = errors.New("file too large")
	// ErrNotRegular: the path names a directory, a device, a FIFO, a
	// socket or a submodule (or a symlink to one), which is never read.
	ErrNotRegular = errors.New("not a regular file")
)

// ReadAll reads r to its end, but at most limit bytes: a longer stream is
// an error wrapping ErrTooLarge. It reads limit+1 bytes at most, so an
// endless stream costs no more than that.
func ReadAll(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("more than %d bytes: %w", limit, ErrTooLarge)
	}
	return b, nil
}
