package gitx

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/git-repro/git-repro/snapshot"
)

// indexSource reads the index (stage 0) through git, so GIT_INDEX_FILE is
// honoured exactly as in the hook that runs us.
type indexSource struct{ r *Repo }

func (s indexSource) stat(p string) (snapshot.FileInfo, error) {
	spec, ok := s.r.indexBlob(p)
	if !ok {
		return snapshot.FileInfo{}, notExist("stat", p)
	}
	oi, err := s.r.cat.info(spec)
	if err != nil || oi.typ != "blob" {
		return snapshot.FileInfo{}, notExist("stat", p)
	}
	return snapshot.FileInfo{Path: p, Size: oi.size, Mode: 0o644}, nil
}

func (s indexSource) read(p string) ([]byte, error) {
	spec, ok := s.r.indexBlob(p)
	if !ok {
		return nil, notExist("read", p)
	}
	oi, b, err := s.r.cat.read(spec)
	if err != nil || oi.typ != "blob" {
		return nil, notExist("read", p)
	}
	return b, nil
}

func (s indexSource) list() ([]snapshot.FileInfo, []string, error) {
	out, err := runGit(s.r.Root, "ls-files", "--stage", "-z")
	if err != nil {
		return nil, nil, err
	}
	var files []snapshot.FileInfo
	var hashes []string
	seen := map[string]bool{}
	for _, rec := range splitZ(out) {
		// "<mode> <hash> <stage>\t<path>"
		meta, p, ok := strings.Cut(rec, "\t")
		f := strings.Fields(meta)
		if !ok || len(f) != 3 || seen[p] {
			continue
		}
		mode := modeOf(f[0])
		if mode.IsDir() {
			continue
		}
		seen[p] = true
		files = append(files, snapshot.FileInfo{Path: p, Mode: mode, Size: -1})
		hashes = append(hashes, f[1])
	}
	sizes, err := batchSizes(s.r.Root, hashes)
	if err != nil {
		return nil, nil, err
	}
	for i := range files {
		files[i].Size = sizes[hashes[i]]
	}
	return files, hashes, nil // ls-files output is sorted already
}

func (s indexSource) extra(name string) []byte { return s.r.infoFile(name) }

// commitSource reads a commit's tree.
type commitSource struct {
	r      *Repo
	commit string // full hash
}

func (s commitSource) stat(p string) (snapshot.FileInfo, error) {
	oi, err := s.r.cat.info(s.commit + ":" + p)
	if err != nil || oi.typ != "blob" {
		return snapshot.FileInfo{}, notExist("stat", p)
	}
	return snapshot.FileInfo{Path: p, Size: oi.size, Mode: 0o644}, nil
}

func (s commitSource) read(p string) ([]byte, error) {
	oi, b, err := s.r.cat.read(s.commit + ":" + p)
	if err != nil || oi.typ != "blob" {
		return nil, notExist("read", p)
	}
	return b, nil
}

func (s commitSource) list() ([]snapshot.FileInfo, []string, error) {
	out, err := runGit(s.r.Root, "ls-tree", "-r", "-l", "-z", "--full-tree", s.commit)
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

func (s commitSource) extra(name string) []byte { return s.r.infoFile(name) }

// worktreeSource reads files from disk: every tracked file still present
// plus untracked files that .gitignore does not ignore.
type worktreeSource struct{ r *Repo }

func (s worktreeSource) abs(p string) string { return filepath.Join(s.r.Root, filepath.FromSlash(p)) }

func (s worktreeSource) stat(p string) (snapshot.FileInfo, error) { return diskStat(s.r.Root, p) }
func (s worktreeSource) read(p string) ([]byte, error)            { return diskRead(s.r.Root, p) }

func (s worktreeSource) list() ([]snapshot.FileInfo, []string, error) {
	out, err := runGit(s.r.Root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--deduplicate")
	if err != nil {
		return nil, nil, err
	}
	var files []snapshot.FileInfo
	for _, p := range splitZ(out) {
		fi, err := s.stat(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue // deleted in the worktree, or a submodule directory
		}
		if err != nil {
			return nil, nil, err
		}
		files = append(files, fi)
	}
	sortInfos(files)
	return files, nil, nil
}

func (s worktreeSource) extra(name string) []byte { return s.r.infoFile(name) }

// lfsPointer returns the LFS pointer git would store for the worktree file
// at p: the index's pointer when its size matches the file, nil when the
// index holds the file raw and unchanged, else a pointer computed from the
// content (SHA-256 and size, as "git lfs clean" does on the next add).
func (s worktreeSource) lfsPointer(p string) (*snapshot.LFSPointer, error) {
	if _, err := diskStat(s.r.Root, p); err != nil {
		return nil, err
	}
	st, err := os.Stat(s.abs(p))
	if err != nil || !st.Mode().IsRegular() {
		return nil, err
	}
	if spec, ok := s.r.indexBlob(p); ok {
		if oi, b, err := s.r.cat.read(spec); err == nil {
			ptr := snapshot.ParseLFSPointer(b)
			switch {
			case ptr != nil && ptr.Size == st.Size():
				return ptr, nil // unchanged since staged
			case ptr == nil && oi.size == st.Size():
				// Committed raw despite the filter=lfs pattern (added before
				// the pattern, or without git-lfs): git keeps it raw until it
				// is renormalized, so it is not an LFS object.
				return nil, nil
			}
		}
	}
	f, err := os.Open(s.abs(p))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.CopyBuffer(h, f, make([]byte, 1<<20))
	if err != nil {
		return nil, err
	}
	return &snapshot.LFSPointer{OID: hex.EncodeToString(h.Sum(nil)), Size: n}, nil
}

func (s indexSource) dir() string    { return s.r.Root }
func (s commitSource) dir() string   { return s.r.Root }
func (s worktreeSource) dir() string { return s.r.Root }
