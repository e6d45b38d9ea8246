//go:build !linux

package gitx

import (
	"os"
	"path/filepath"
)

// openBeneath opens p below d through an os.Root, which refuses to leave
// it.
func openBeneath(d *diskRoot, p string) (*os.File, error) {
	return d.root.OpenFile(filepath.FromSlash(p), os.O_RDONLY|nonBlock, 0)
}
