package checks

import (
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// FileInfo describes one file of a snapshot.
type FileInfo struct {
	Path string      // slash-separated, relative to the repository root
	Size int64       // size of the stored content (for an LFS pointer: the pointer's size)
	Mode fs.FileMode // regular (with 0o755 if executable), or fs.ModeSymlink
	// LFS is set when the stored content is a Git LFS pointer.
	LFS *LFSPointer
}

// LFSPointer is the parsed content of a Git LFS pointer file.
type LFSPointer struct {
	OID  string // hex sha256
	Size int64  // size of the real object
}

// Tree is a read-only view of one snapshot of a repository: the index
// (what a pre-commit hook sees), a commit, the worktree, or a plain
// directory. Paths are slash-separated and relative to the root.
//
// Consumers must treat a missing file as an error satisfying
// errors.Is(err, fs.ErrNotExist).
type Tree interface {
	// Stat describes one file.
	Stat(path string) (FileInfo, error)
	// ReadFile returns the stored content (an LFS pointer is returned as
	// the pointer text, never smudged).
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

// Encode returns the pointer file's text (spec v1).
func (p *LFSPointer) Encode() []byte {
	return []byte(fmt.Sprintf("version https://git-lfs.github.com/spec/v1\noid sha256:%s\nsize %d\n", p.OID, p.Size))
}

// ParseLFSPointer recognises a Git LFS pointer (spec v1). It returns nil
// for anything else.
func ParseLFSPointer(b []byte) *LFSPointer {
	if len(b) >= 1024 || !strings.HasPrefix(string(b), "version https://git-lfs.github.com/spec/v1\n") {
		return nil
	}
	var p LFSPointer
	for _, line := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		switch k {
		case "oid":
			oid, found := strings.CutPrefix(v, "sha256:")
			if !found || len(oid) != 64 || strings.Trim(oid, "0123456789abcdef") != "" {
				return nil
			}
			p.OID = oid
		case "size":
			if v == "" || len(v) > 18 { // no digits, or past int64
				return nil
			}
			n := int64(0)
			for _, c := range v {
				if c < '0' || c > '9' {
					return nil
				}
				n = n*10 + int64(c-'0')
			}
			p.Size = n
		}
	}
	if p.OID == "" {
		return nil
	}
	return &p
}

// MapTree is an in-memory Tree, used by tests and fuzzers.
type MapTree struct {
	Content map[string]string
	// Attrs maps path -> attribute -> value.
	Attrs map[string]map[string]string
	// IgnoredPaths lists ignored paths (exact match or directory prefix).
	IgnoredPaths []string
}

// Stat implements Tree.
func (m *MapTree) Stat(p string) (FileInfo, error) {
	c, ok := m.Content[p]
	if !ok {
		return FileInfo{}, &fs.PathError{Op: "stat", Path: p, Err: fs.ErrNotExist}
	}
	return FileInfo{Path: p, Size: int64(len(c)), Mode: 0o644, LFS: ParseLFSPointer([]byte(c))}, nil
}

// ReadFile implements Tree.
func (m *MapTree) ReadFile(p string) ([]byte, error) {
	c, ok := m.Content[p]
	if !ok {
		return nil, &fs.PathError{Op: "read", Path: p, Err: fs.ErrNotExist}
	}
	return []byte(c), nil
}

// Files implements Tree.
func (m *MapTree) Files() ([]FileInfo, error) {
	out := make([]FileInfo, 0, len(m.Content))
	for p := range m.Content {
		fi, _ := m.Stat(p)
		out = append(out, fi)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// Attr implements Tree.
func (m *MapTree) Attr(p, name string) string { return m.Attrs[p][name] }

// Ignored implements Tree.
func (m *MapTree) Ignored(p string) bool {
	for _, ig := range m.IgnoredPaths {
		if p == ig || strings.HasPrefix(p, strings.TrimSuffix(ig, "/")+"/") {
			return true
		}
		if ok, _ := path.Match(ig, path.Base(p)); ok {
			return true
		}
	}
	return false
}
