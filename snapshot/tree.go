package snapshot

import (
	"io/fs"
)

// FileInfo describes one file of a snapshot.
type FileInfo struct {
	Path string      // slash-separated, relative to the repository root
	Size int64       // size of the stored content (for an LFS pointer: the pointer's size; for a symlink: its target's name)
	Mode fs.FileMode // regular (with 0o755 if executable), or fs.ModeSymlink for a symlink to a file of the snapshot
	// LFS is set when the stored content is a Git LFS pointer.
	LFS *LFSPointer
	// Target is, for a symlink, the path of the regular file of the
	// snapshot it leads to (its content is that file's); "" otherwise.
	Target string
}

// Tree is a read-only view of one snapshot of a repository: the index
// (what a pre-commit hook sees), a commit, the worktree, or a plain
// directory. Paths are slash-separated and relative to the root.
//
// Consumers must treat a missing file as an error satisfying
// errors.Is(err, fs.ErrNotExist); see the package documentation for
// symlinks and for ErrTooLarge and ErrNotRegular.
type Tree interface {
	// Stat describes one file.
	Stat(path string) (FileInfo, error)
	// ReadFile returns the stored content (an LFS pointer is returned as
	// the pointer text, never smudged; a symlink's is its target's), at
	// most MaxFileSize bytes.
	ReadFile(path string) ([]byte, error)
	// Files lists every file of the snapshot, sorted by path. It may be
	// expensive on large repositories; rules call it only when they need
	// a repository-wide view.
	Files() ([]FileInfo, error)
	// Attr returns the value of a gitattributes attribute for path
	// ("filter" -> "lfs"), "" when unset.
	Attr(path, name string) string
	// Ignored reports whether path is ignored by .gitignore rules.
	Ignored(path string) bool
}
