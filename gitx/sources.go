package gitx

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/git-repro/git-repro/internal/gitcli"
	"github.com/git-repro/git-repro/snapshot"
)

// source is where a snapshot's names and bytes come from: the index, a
// commit, the worktree or a plain directory. Paths given to it never pass
// through a symlink (Snapshot.resolve follows those).
type source interface {
	// lookup describes the name p without following it; an error
	// satisfying fs.ErrNotExist when there is none.
	lookup(p string) (entry, error)
	// readlink returns the stored target of the symlink e at p.
	readlink(p string, e entry) (string, error)
	// read returns the content of the regular file e at p, at most limit
	// bytes (more: an error wrapping snapshot.ErrTooLarge).
	read(p string, e entry, limit int64) ([]byte, error)
	// size returns the stored size of e.
	size(p string, e entry) (int64, error)
	// list returns every file and symlink, sorted by path, with modes and
	// sizes and the blob hash of each; disk sources return names alone (nil
	// hashes), which Files looks up as it resolves them.
	list() ([]snapshot.FileInfo, []string, error)
	// dir is the directory git commands run in.
	dir() string
	// extra returns repository-local pattern files outside the tree:
	// .git/info/attributes and .git/info/exclude.
	extra(name string) []byte
}

// gitEntry describes an index or tree entry from its mode bits.
func gitEntry(mode uint32, hash string, size int64) entry {
	e := entry{mode: modeOfBits(mode), hash: hash, size: size}
	switch mode & 0o170000 {
	case 0o120000:
		e.kind = kindSymlink
	case 0o160000:
		e.kind = kindOther // a submodule
	case 0o040000:
		e.kind = kindDir
	default:
		e.kind = kindFile
	}
	return e
}

// readBlob reads a blob through the repository's cat-file process.
func (r *Repo) readBlob(p, hash string, limit int64) ([]byte, error) {
	o, b, err := r.cat.Read(hash, limit)
	switch {
	case errors.Is(err, gitcli.ErrObjectTooLarge):
		return nil, fmt.Errorf("%s: %d bytes, over the %d-byte cap: %w", p, o.Size, limit, snapshot.ErrTooLarge)
	case errors.Is(err, gitcli.ErrMissing):
		return nil, notExist("read", p)
	case err != nil:
		return nil, fmt.Errorf("%s: %w", p, err)
	case o.Type != "blob":
		return nil, notExist("read", p)
	}
	return b, nil
}

func (r *Repo) blobSize(p string, e entry) (int64, error) {
	if e.size >= 0 {
		return e.size, nil
	}
	o, err := r.cat.Info(e.hash)
	if errors.Is(err, gitcli.ErrMissing) {
		return 0, notExist("stat", p)
	}
	if err != nil {
		return 0, fmt.Errorf("%s: %w", p, err)
	}
	return o.Size, nil
}

func (r *Repo) readLink(p string, e entry) (string, error) {
	b, err := r.readBlob(p, e.hash, snapshot.MaxSymlinkSize)
	return string(b), err
}

// indexSource reads the index (stage 0) git uses here, so GIT_INDEX_FILE
// is honoured exactly as in the hook that runs us.
type indexSource struct{ r *Repo }

func (s indexSource) lookup(p string) (entry, error) {
	l, err := s.r.lookupIndex()
	if err != nil {
		return entry{}, err
	}
	if e, ok := l.find(p); ok {
		return gitEntry(e.mode, e.hash, -1), nil
	}
	if l.hasDir(p) {
		return entry{kind: kindDir, mode: fs.ModeDir}, nil
	}
	return entry{}, notExist("stat", p)
}

func (s indexSource) readlink(p string, e entry) (string, error) { return s.r.readLink(p, e) }
func (s indexSource) read(p string, e entry, limit int64) ([]byte, error) {
	return s.r.readBlob(p, e.hash, limit)
}
func (s indexSource) size(p string, e entry) (int64, error) { return s.r.blobSize(p, e) }

func (s indexSource) list() ([]snapshot.FileInfo, []string, error) {
	out, err := s.r.run("ls-files", "--stage", "-z")
	if err != nil {
		return nil, nil, err
	}
	var files []snapshot.FileInfo
	var hashes []string
	for _, e := range parseStage(out) {
		if mode := modeOfBits(e.mode); !mode.IsDir() { // not a submodule
			files = append(files, snapshot.FileInfo{Path: e.path, Mode: mode})
			hashes = append(hashes, e.hash)
		}
	}
	sizes, err := s.r.git.ObjectSizes(s.r.ctx, hashes)
	if err != nil {
		return nil, nil, err
	}
	for i := range files {
		files[i].Size = sizes[hashes[i]]
	}
	return files, hashes, nil // ls-files output is sorted already
}

func (s indexSource) extra(name string) []byte { return s.r.infoFile(name) }
func (s indexSource) dir() string              { return s.r.Root }
func (s indexSource) repo() *Repo              { return s.r }

// commitSource reads a commit's tree, one tree object per directory,
// each read once.
type commitSource struct {
	r      *Repo
	commit string // full hash

	mu    sync.Mutex
	trees map[string]map[string]treeEntry // directory -> its entries
}

// tree returns the entries of the directory dir ("" for the top).
func (s *commitSource) tree(dir string) (map[string]treeEntry, error) {
	s.mu.Lock()
	t, ok := s.trees[dir]
	s.mu.Unlock()
	if ok {
		return t, nil
	}
	var hash string
	if dir == "" {
		o, err := s.r.cat.Info(s.commit + "^{tree}")
		if err != nil {
			return nil, fmt.Errorf("commit %s: %w", s.commit, err)
		}
		hash = o.Name
	} else {
		parent, err := s.tree(parentDir(dir))
		if err != nil {
			return nil, err
		}
		e, ok := parent[path.Base(dir)]
		if !ok || e.mode != "40000" {
			return nil, notExist("stat", dir)
		}
		hash = e.hash
	}
	o, b, err := s.r.cat.Read(hash, snapshot.MaxFileSize)
	if err != nil || o.Type != "tree" {
		return nil, fmt.Errorf("tree %s of commit %s: %v", dir, s.commit, err)
	}
	if t, err = parseTree(b, len(hash)/2); err != nil {
		return nil, fmt.Errorf("tree %s of commit %s: %w", dir, s.commit, err)
	}
	s.mu.Lock()
	if s.trees == nil {
		s.trees = map[string]map[string]treeEntry{}
	}
	s.trees[dir] = t
	s.mu.Unlock()
	return t, nil
}

func (s *commitSource) lookup(p string) (entry, error) {
	t, err := s.tree(parentDir(p))
	if err != nil {
		return entry{}, err
	}
	te, ok := t[path.Base(p)]
	if !ok {
		return entry{}, notExist("stat", p)
	}
	mode, err := strconv.ParseUint(te.mode, 8, 32)
	if err != nil {
		return entry{}, fmt.Errorf("tree entry %s: bad mode %q", p, te.mode)
	}
	return gitEntry(uint32(mode), te.hash, -1), nil
}

func (s *commitSource) readlink(p string, e entry) (string, error) { return s.r.readLink(p, e) }
func (s *commitSource) read(p string, e entry, limit int64) ([]byte, error) {
	return s.r.readBlob(p, e.hash, limit)
}
func (s *commitSource) size(p string, e entry) (int64, error) { return s.r.blobSize(p, e) }

func (s *commitSource) list() ([]snapshot.FileInfo, []string, error) {
	out, err := s.r.run("ls-tree", "-r", "-l", "-z", "--full-tree", s.commit)
	if err != nil {
		return nil, nil, err
	}
	var files []snapshot.FileInfo
	var hashes []string
	for _, rec := range splitZ(out) {
		// "<mode> <type> <hash> <size>\t<path>"
		meta, p, ok := strings.Cut(rec, "\t")
		f := strings.Fields(meta)
		if !ok || len(f) != 4 || f[1] != "blob" {
			continue
		}
		size, _ := strconv.ParseInt(f[3], 10, 64)
		files = append(files, snapshot.FileInfo{Path: p, Mode: modeOf(f[0]), Size: size})
		hashes = append(hashes, f[2])
	}
	return files, hashes, nil // ls-tree output is sorted already
}

func (s *commitSource) extra(name string) []byte { return s.r.infoFile(name) }
func (s *commitSource) dir() string              { return s.r.Root }
func (s *commitSource) repo() *Repo              { return s.r }

// worktreeSource reads files from disk: every tracked file still present
// plus untracked files that .gitignore does not ignore.
type worktreeSource struct{ r *Repo }

func (s worktreeSource) disk() diskFS { return diskFS{root: s.r.Root, d: s.r.disk} }
func (s worktreeSource) onDisk()      {}

func (s worktreeSource) lookup(p string) (entry, error) { return s.disk().lookup(p) }
func (s worktreeSource) readlink(p string, e entry) (string, error) {
	return s.disk().readlink(p, e)
}
func (s worktreeSource) read(p string, e entry, limit int64) ([]byte, error) {
	return s.disk().read(p, e, limit)
}
func (s worktreeSource) size(p string, e entry) (int64, error) { return e.size, nil }

// list names the files git lists (tracked, and untracked but not
// ignored); Files looks each one up on disk as it resolves it.
func (s worktreeSource) list() ([]snapshot.FileInfo, []string, error) {
	out, err := s.r.run("ls-files", "-z", "--cached", "--others", "--exclude-standard", "--deduplicate")
	if err != nil {
		return nil, nil, err
	}
	names := splitZ(out)
	files := make([]snapshot.FileInfo, len(names))
	for i, p := range names {
		files[i].Path = p
	}
	sortInfos(files)
	return files, nil, nil
}

func (s worktreeSource) extra(name string) []byte { return s.r.infoFile(name) }
func (s worktreeSource) dir() string              { return s.r.Root }

// lfsPointer returns the LFS pointer git would store for the regular
// worktree file at p: the index's pointer when its size matches the file,
// nil when the index holds the file raw and unchanged, else a pointer
// computed from the content (SHA-256 and size, as "git lfs clean" does on
// the next add).
func (s worktreeSource) lfsPointer(p string, e entry) (*snapshot.LFSPointer, error) {
	if l, err := s.r.lookupIndex(); err == nil {
		if ie, ok := l.find(p); ok && ie.mode&0o170000 != 0o120000 {
			if o, err := s.r.cat.Info(ie.hash); err == nil {
				var ptr *snapshot.LFSPointer
				if o.Size < snapshot.MaxPointerSize {
					if _, b, err := s.r.cat.Read(ie.hash, snapshot.MaxPointerSize); err == nil {
						ptr = snapshot.ParseLFSPointer(b)
					}
				}
				switch {
				case ptr != nil && ptr.Size == e.size:
					return ptr, nil // unchanged since staged
				case ptr == nil && o.Size == e.size:
					// Committed raw despite the filter=lfs pattern (added
					// before the pattern, or without git-lfs): git keeps it
					// raw until it is renormalized, so it is not an LFS object.
					return nil, nil
				}
			}
		}
	}
	h := sha256.New()
	n, err := s.disk().copyTo(p, h)
	if err != nil {
		return nil, err
	}
	return &snapshot.LFSPointer{OID: hex.EncodeToString(h.Sum(nil)), Size: n}, nil
}
