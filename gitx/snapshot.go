package gitx

import (
	"bytes"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/go-git/go-git/v5/plumbing/format/gitattributes"
	"github.com/go-git/go-git/v5/plumbing/format/gitignore"

	"github.com/git-repro/git-repro/internal/gitcli"
	"github.com/git-repro/git-repro/snapshot"
)

// Snapshot is a snapshot.Tree over one source. It is safe for concurrent use.
//
// Its symlinks stand for their targets inside the snapshot or are skipped
// (resolve.go); it reads only regular files, and at most
// snapshot.MaxFileSize bytes of each (more: an error wrapping
// snapshot.ErrTooLarge).
type Snapshot struct {
	src source

	listOnce sync.Once
	listed   []snapshot.FileInfo
	listErr  error

	dirMu sync.Mutex
	dirs  map[string]entry // disk sources: directories seen

	mu           sync.Mutex
	attrs        map[string][]gitattributes.MatchAttribute // dir -> patterns of dir/.gitattributes
	attrMatchers map[string]gitattributes.Matcher          // dir -> matcher for files in dir
	ignores      map[string][]gitignore.Pattern            // dir -> patterns of dir/.gitignore
}

var _ snapshot.Tree = (*Snapshot)(nil)

func newSnapshot(src source) *Snapshot {
	return &Snapshot{src: src, dirs: map[string]entry{}, attrs: map[string][]gitattributes.MatchAttribute{}, attrMatchers: map[string]gitattributes.Matcher{}, ignores: map[string][]gitignore.Pattern{}}
}

// Only blobs in [lfsProbeMin, lfsProbeMax) can be LFS pointers: the
// shortest valid pointer (a 1-digit size, no extensions) is 126 bytes and
// the spec caps them below 1024.
const (
	lfsProbeMin = 126
	lfsProbeMax = snapshot.MaxPointerSize
)

func lfsCandidate(fi *snapshot.FileInfo) bool {
	return fi.Mode.IsRegular() && fi.Size >= lfsProbeMin && fi.Size < lfsProbeMax
}

// Stat implements snapshot.Tree. A symlink is described as itself (its
// mode has fs.ModeSymlink, its size is its stored target's length) when it
// leads to a file of the snapshot; otherwise Stat fails with a *LinkError.
func (s *Snapshot) Stat(p string) (snapshot.FileInfo, error) {
	p = clean(p)
	res, err := s.resolve(p)
	if err != nil {
		return snapshot.FileInfo{}, err
	}
	fi := snapshot.FileInfo{Path: p, Mode: res.self.mode}
	if res.self.kind == kindSymlink {
		fi.Target = res.path
		fi.Size, err = s.src.size(p, res.self)
		return fi, err
	}
	if fi.Size, err = s.src.size(res.path, res.target); err != nil {
		return fi, err
	}
	s.probeLFS(&fi, res)
	return fi, nil
}

// ReadFile implements snapshot.Tree: the stored content, at most
// snapshot.MaxFileSize bytes; a symlink's is its target's.
func (s *Snapshot) ReadFile(p string) ([]byte, error) {
	return s.ReadFileLimit(p, snapshot.MaxFileSize)
}

// ReadFileLimit is ReadFile with another cap (snapshot.MaxConfigSize for
// configuration files).
func (s *Snapshot) ReadFileLimit(p string, limit int64) ([]byte, error) {
	p = clean(p)
	res, err := s.resolve(p)
	if err != nil {
		return nil, err
	}
	if ws, ok := s.src.(worktreeSource); ok && res.self.kind == kindFile && s.Attr(p, "filter") == "lfs" {
		if ptr, err := ws.lfsPointer(res.path, res.target); err == nil && ptr != nil {
			return ptr.Encode(), nil
		}
	}
	return s.src.read(res.path, res.target, limit)
}

// readOwn reads a pattern file (.gitattributes, .gitignore) as git does:
// not through a symlink.
func (s *Snapshot) readOwn(p string) []byte {
	res, err := s.resolve(p)
	if err != nil || res.self.kind != kindFile {
		return nil
	}
	b, err := s.src.read(res.path, res.target, snapshot.MaxFileSize)
	if err != nil {
		return nil
	}
	return b
}

// Files implements snapshot.Tree. Symlinks are listed when they lead to a
// file of the snapshot, and left out otherwise.
func (s *Snapshot) Files() ([]snapshot.FileInfo, error) {
	s.listOnce.Do(func() {
		var hashes []string
		if is, ok := s.src.(indexSource); ok {
			s.listed, hashes, s.listErr = is.leanList(s)
		}
		if s.listed == nil || s.listErr != nil {
			s.listed, hashes, s.listErr = s.src.list()
		}
		if s.listErr != nil {
			return
		}
		if _, disk := s.src.(diskSource); disk {
			s.listed = s.resolveDisk(s.listed)
			return
		}
		s.listed, hashes = s.dropDangling(s.listed, hashes)
		// Git sources: read every candidate blob through one pipelined
		// cat-file process instead of one round trip each.
		var idx []int
		var want []string
		for i := range s.listed {
			if lfsCandidate(&s.listed[i]) {
				idx = append(idx, i)
				want = append(want, hashes[i])
			}
		}
		r := s.src.(interface{ repo() *Repo }).repo()
		s.listErr = r.git.ReadObjects(r.ctx, want, lfsProbeMax, func(k int, _ gitcli.Object, b []byte) error {
			s.listed[idx[k]].LFS = snapshot.ParseLFSPointer(b)
			return nil
		})
	})
	return s.listed, s.listErr
}

// resolveDisk resolves every listed name on disk: a directory may have
// become a symlink since git listed it, and disk sources list names only.
// What leads nowhere in the snapshot is dropped.
func (s *Snapshot) resolveDisk(files []snapshot.FileInfo) []snapshot.FileInfo {
	kept := files[:0] // filtered in place
	for _, f := range files {
		res, err := s.resolve(f.Path)
		if err != nil {
			continue
		}
		f.Mode, f.Size = res.self.mode, res.self.size
		if res.self.kind == kindSymlink {
			f.Target = res.path
		}
		s.probeLFS(&f, res)
		kept = append(kept, f)
	}
	return kept
}

// dropDangling drops the symlinks of a git listing that lead nowhere in
// the snapshot, with their hashes; a listing without such links (the
// usual case) is returned as it is.
func (s *Snapshot) dropDangling(files []snapshot.FileInfo, hashes []string) ([]snapshot.FileInfo, []string) {
	var drop []int
	for i := range files {
		if files[i].Mode&fs.ModeSymlink != 0 {
			res, err := s.resolve(files[i].Path)
			if err != nil {
				drop = append(drop, i)
			}
			files[i].Target = res.path
		}
	}
	if len(drop) == 0 {
		return files, hashes
	}
	kept, keptHashes := files[:0], hashes[:0]
	for i := range files {
		if len(drop) > 0 && drop[0] == i {
			drop = drop[1:]
			continue
		}
		kept, keptHashes = append(kept, files[i]), append(keptHashes, hashes[i])
	}
	return kept, keptHashes
}

// probeLFS fills fi.LFS for a regular file. In the index and in commits, a
// file is an LFS object when its stored blob is a pointer. In the
// worktree, git-lfs has replaced tracked pointers by the real content, so
// a file whose path has filter=lfs is described by the pointer git would
// store for it: the one in the index while the file is unchanged, else one
// computed the way "git lfs clean" computes it.
func (s *Snapshot) probeLFS(fi *snapshot.FileInfo, res resolved) {
	if !fi.Mode.IsRegular() {
		return
	}
	if lfsCandidate(fi) {
		if b, err := s.src.read(res.path, res.target, lfsProbeMax); err == nil {
			if fi.LFS = snapshot.ParseLFSPointer(b); fi.LFS != nil {
				return
			}
		}
	}
	if ws, ok := s.src.(worktreeSource); ok && s.Attr(fi.Path, "filter") == "lfs" {
		if ptr, err := ws.lfsPointer(res.path, res.target); err == nil && ptr != nil {
			fi.LFS = ptr
			fi.Size = int64(len(ptr.Encode()))
		}
	}
}

func clean(p string) string {
	p = path.Clean(strings.TrimPrefix(strings.ReplaceAll(p, "\\", "/"), "./"))
	if p == "." {
		return ""
	}
	return strings.TrimPrefix(p, "/")
}

// dirsOf returns "", "a", "a/b" for "a/b/c".
func dirsOf(p string) []string {
	dirs := []string{""}
	parts := strings.Split(p, "/")
	for i := 1; i < len(parts); i++ {
		dirs = append(dirs, strings.Join(parts[:i], "/"))
	}
	return dirs
}

func splitPath(p string) []string {
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

func (s *Snapshot) attrPatterns(dir string) []gitattributes.MatchAttribute {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ps, ok := s.attrs[dir]; ok {
		return ps
	}
	var ps []gitattributes.MatchAttribute
	if b := s.readOwn(path.Join(dir, ".gitattributes")); b != nil {
		ps, _ = gitattributes.ReadAttributes(bytes.NewReader(b), splitPath(dir), dir == "")
	}
	s.attrs[dir] = ps
	return ps
}

// Attr implements snapshot.Tree: .gitattributes files from the root down to
// the file's directory (deeper wins), then .git/info/attributes (wins over
// all), as git reads them.
func (s *Snapshot) Attr(p, name string) string {
	p = clean(p)
	res, _ := s.attrMatcher(path.Dir(p)).Match(splitPath(p), []string{name})
	a, ok := res[name]
	if !ok || a.IsUnspecified() || a.IsUnset() {
		return ""
	}
	if a.IsSet() {
		return "set"
	}
	return a.Value()
}

// attrMatcher returns the matcher for files directly in dir, built once.
func (s *Snapshot) attrMatcher(dir string) gitattributes.Matcher {
	if dir == "." {
		dir = ""
	}
	s.mu.Lock()
	m, ok := s.attrMatchers[dir]
	s.mu.Unlock()
	if ok {
		return m
	}
	var stack []gitattributes.MatchAttribute
	for _, d := range dirsOf(path.Join(dir, "x")) {
		stack = append(stack, s.attrPatterns(d)...)
	}
	if b := s.src.extra("info/attributes"); b != nil {
		ps, _ := gitattributes.ReadAttributes(bytes.NewReader(b), nil, true)
		stack = append(stack, ps...)
	}
	m = gitattributes.NewMatcher(stack)
	s.mu.Lock()
	s.attrMatchers[dir] = m
	s.mu.Unlock()
	return m
}

func (s *Snapshot) ignorePatterns(dir string) []gitignore.Pattern {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ps, ok := s.ignores[dir]; ok {
		return ps
	}
	var ps []gitignore.Pattern
	if b := s.readOwn(path.Join(dir, ".gitignore")); b != nil {
		ps = parseIgnore(b, splitPath(dir))
	}
	s.ignores[dir] = ps
	return ps
}

func parseIgnore(b []byte, domain []string) []gitignore.Pattern {
	var ps []gitignore.Pattern
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		ps = append(ps, gitignore.ParsePattern(line, domain))
	}
	return ps
}

// Ignored implements snapshot.Tree using the repository's own ignore rules
// (.git/info/exclude and every .gitignore on the path), not a user's global
// excludes: the question the rules ask is whether the project ignores a
// file for every collaborator. As in git, a file inside an ignored
// directory is ignored.
func (s *Snapshot) Ignored(p string) bool {
	p = clean(p)
	if p == "" {
		return false
	}
	var stack []gitignore.Pattern
	if b := s.src.extra("info/exclude"); b != nil {
		stack = parseIgnore(b, nil)
	}
	parts := splitPath(p)
	for i, d := range dirsOf(p) {
		stack = append(stack, s.ignorePatterns(d)...)
		m := gitignore.NewMatcher(stack)
		if i+1 < len(parts) && m.Match(parts[:i+1], true) {
			return true
		}
	}
	return gitignore.NewMatcher(stack).Match(parts, false)
}

func sortInfos(fs []snapshot.FileInfo) {
	sort.Slice(fs, func(i, j int) bool { return fs[i].Path < fs[j].Path })
}

func notExist(op, p string) error { return &fs.PathError{Op: op, Path: p, Err: fs.ErrNotExist} }

// modeOfBits converts an index entry's mode bits.
func modeOfBits(m uint32) fs.FileMode {
	switch m & 0o170000 {
	case 0o120000:
		return fs.ModeSymlink | 0o777
	case 0o160000:
		return fs.ModeDir
	}
	if m&0o111 != 0 {
		return 0o755
	}
	return 0o644
}

func modeOf(octal string) fs.FileMode {
	switch octal {
	case "100755":
		return 0o755
	case "120000":
		return fs.ModeSymlink | 0o777
	case "160000":
		return fs.ModeDir // submodule (gitlink): not a file
	}
	return 0o644
}
