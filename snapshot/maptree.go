package snapshot

import (
	"io/fs"
	"path"
	"sort"
	"strings"
)

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
