package gitx

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/git-repro/git-repro/snapshot"
)

// memSource is an in-memory tree for fuzzing the resolver: files,
// directories (implied by the paths) and symlinks with arbitrary targets.
type memSource struct {
	files map[string]string
	links map[string]string
}

func (m memSource) lookup(p string) (entry, error) {
	if _, ok := m.files[p]; ok {
		return entry{kind: kindFile, mode: 0o644, size: int64(len(m.files[p]))}, nil
	}
	if _, ok := m.links[p]; ok {
		return entry{kind: kindSymlink, mode: fs.ModeSymlink | 0o777, size: int64(len(m.links[p]))}, nil
	}
	for q := range m.files {
		if strings.HasPrefix(q, p+"/") {
			return entry{kind: kindDir, mode: fs.ModeDir}, nil
		}
	}
	for q := range m.links {
		if strings.HasPrefix(q, p+"/") {
			return entry{kind: kindDir, mode: fs.ModeDir}, nil
		}
	}
	return entry{}, notExist("stat", p)
}
func (m memSource) readlink(p string, e entry) (string, error) { return m.links[p], nil }
func (m memSource) read(p string, e entry, limit int64) ([]byte, error) {
	return []byte(m.files[p]), nil
}
func (m memSource) size(p string, e entry) (int64, error)        { return e.size, nil }
func (m memSource) list() ([]snapshot.FileInfo, []string, error) { return nil, nil, nil }
func (m memSource) dir() string                                  { return "" }
func (m memSource) extra(string) []byte                          { return nil }

// FuzzResolve: whatever the link targets and the path asked for, the
// resolver ends, and what it reaches is a file of the tree, named by a
// clean path that stays inside it and out of .git.
func FuzzResolve(f *testing.F) {
	f.Add("docker/Dockerfile.gpu", "../x", "a/b/../../f", "Dockerfile")
	f.Add("/etc/shadow", "l2", "l1", "l1")
	f.Add("../../../../dev/zero", ".git/config", "d", "l3/f")
	f.Fuzz(func(t *testing.T, t1, t2, t3, query string) {
		m := memSource{
			files: map[string]string{"f": "f", "a/b/c": "c", "docker/Dockerfile.gpu": "gpu", ".git/config": "secret"},
			links: map[string]string{"l1": t1, "l2": t2, "a/l3": t3, "Dockerfile": "docker/Dockerfile.gpu", "d": "a"},
		}
		s := newSnapshot(m)
		res, err := s.resolve(clean(query))
		if err != nil {
			return
		}
		if _, ok := m.files[res.path]; !ok || res.target.kind != kindFile {
			t.Fatalf("resolve(%q) reached %q (%+v), not a file", query, res.path, res.target)
		}
		if res.path != path.Clean(res.path) || strings.HasPrefix(res.path, "../") || strings.HasPrefix(res.path, "/") || strings.HasPrefix(res.path, ".git/") {
			t.Fatalf("resolve(%q) reached %q", query, res.path)
		}
		if res.self.kind != kindFile && res.self.kind != kindSymlink {
			t.Fatalf("resolve(%q): self %+v", query, res.self)
		}
	})
}

// TestDiskReadsStayBeneathTheRoot: the open itself refuses to leave the
// root, even for a path that resolve never vetted (a directory swapped
// for a symlink between resolve and the open).
func TestDiskReadsStayBeneathTheRoot(t *testing.T) {
	root, outside := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret"), []byte("TOPSECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(root, "swapped")); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
	d := diskFS{root: root, d: &diskRoot{path: root}}
	defer d.d.close()
	if b, err := d.read("swapped/secret", entry{kind: kindFile}, 1<<10); err == nil {
		t.Errorf("read through a symlinked directory out of the root: %q", b)
	}
}
