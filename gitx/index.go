package gitx

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/git-repro/git-repro/checks"
)

// A lean reader of git's index file (Documentation/gitformat-index.txt),
// for listing the staged snapshot: paths, modes, blob hashes and the size
// recorded with each entry. "git ls-files --stage" gives the first three
// but no sizes, and asking cat-file for 100,000 sizes costs about ten times
// more than reading the index. Anything this reader does not know (a split
// index, a sparse index, an unknown version) makes it step aside for git.

var errIndexUnsupported = errors.New("index format not supported by the lean reader")

// indexEntry is one stage-0 entry.
type indexEntry struct {
	path string
	mode uint32
	hash string
	size uint32 // from the stat data: the worktree file's size when it was staged
}

// indexPath returns the index file git uses here: $GIT_INDEX_FILE (as git
// resolves it, relative to the current directory) or <gitdir>/index.
func (r *Repo) indexPath() (string, error) {
	if p := os.Getenv("GIT_INDEX_FILE"); p != "" {
		return filepath.Abs(p)
	}
	out, err := runGit(r.Root, "rev-parse", "--git-path", "index")
	if err != nil {
		return "", err
	}
	p := strings.TrimSpace(string(out))
	if !filepath.IsAbs(p) {
		p = filepath.Join(r.Root, p)
	}
	return p, nil
}

// readIndex parses an index file; hashLen is 20 (SHA-1) or 32 (SHA-256).
func readIndex(b []byte, hashLen int) ([]indexEntry, error) {
	if len(b) < 12+hashLen || string(b[:4]) != "DIRC" {
		return nil, fmt.Errorf("not an index file")
	}
	version := binary.BigEndian.Uint32(b[4:8])
	if version < 2 || version > 4 {
		return nil, errIndexUnsupported
	}
	n := int(binary.BigEndian.Uint32(b[8:12]))
	body := b[:len(b)-hashLen] // the trailing checksum
	off := 12
	if n > len(b)/(40+hashLen+3) { // every entry takes at least this much
		return nil, fmt.Errorf("index claims %d entries in %d bytes", n, len(b))
	}
	entries := make([]indexEntry, 0, n)
	prev := ""
	for i := 0; i < n; i++ {
		start := off
		fixed := 40 + hashLen + 2 // stat data (40 bytes incl. mode and size), hash, flags
		if off+fixed > len(body) {
			return nil, fmt.Errorf("index truncated at entry %d", i)
		}
		mode := binary.BigEndian.Uint32(body[off+24 : off+28])
		size := binary.BigEndian.Uint32(body[off+36 : off+40])
		hash := hex.EncodeToString(body[off+40 : off+40+hashLen])
		flags := binary.BigEndian.Uint16(body[off+40+hashLen : off+fixed])
		off += fixed
		if flags&0x4000 != 0 { // extended flags (v3+)
			if version < 3 || off+2 > len(body) {
				return nil, fmt.Errorf("index entry %d: bad extended flags", i)
			}
			off += 2
		}
		var name string
		if version == 4 {
			// Prefix compression: a varint of bytes to drop from the
			// previous path, then the NUL-terminated rest.
			drop, k := offsetVarint(body[off:])
			if k == 0 || drop > uint64(len(prev)) {
				return nil, fmt.Errorf("index entry %d: bad path prefix", i)
			}
			off += k
			end := bytes.IndexByte(body[off:], 0)
			if end < 0 {
				return nil, fmt.Errorf("index entry %d: unterminated path", i)
			}
			name = prev[:len(prev)-int(drop)] + string(body[off:off+end])
			off += end + 1
		} else {
			end := bytes.IndexByte(body[off:], 0)
			if end < 0 {
				return nil, fmt.Errorf("index entry %d: unterminated path", i)
			}
			name = string(body[off : off+end])
			off += end + 1
			// Entries are padded with NULs to a multiple of 8 bytes.
			for (off-start)%8 != 0 {
				off++
			}
		}
		prev = name
		if mode&0o170000 == 0o040000 {
			return nil, errIndexUnsupported // a sparse-index directory entry
		}
		if stage := (flags >> 12) & 3; stage != 0 && stage != 2 {
			continue // during a conflict, "ours" (stage 2) stands for the file
		}
		entries = append(entries, indexEntry{path: name, mode: mode, hash: hash, size: size})
	}
	// Extensions: a split index ("link") keeps entries in another file.
	for off+8 <= len(body) {
		sig := string(body[off : off+4])
		l := int(binary.BigEndian.Uint32(body[off+4 : off+8]))
		if sig == "link" || sig == "sdir" {
			return nil, errIndexUnsupported
		}
		off += 8 + l
	}
	return entries, nil
}

// offsetVarint decodes git's offset varint (used by index v4).
func offsetVarint(b []byte) (uint64, int) {
	if len(b) == 0 {
		return 0, 0
	}
	val := uint64(b[0] & 0x7f)
	i := 0
	for b[i]&0x80 != 0 {
		i++
		if i >= len(b) || i > 9 {
			return 0, 0
		}
		val = ((val + 1) << 7) | uint64(b[i]&0x7f)
	}
	return val, i + 1
}

// leanIndexList lists the index with the lean reader. Sizes come from the
// stat data, except where that is not the blob's size: files with a filter
// (git-lfs stores a pointer, not the file), and entries git zeroed because
// they were racily clean. Those few are asked from git.
func (s indexSource) leanList(snap *Snapshot) ([]checks.FileInfo, []string, error) {
	ip, err := s.r.indexPath()
	if err != nil {
		return nil, nil, err
	}
	b, err := os.ReadFile(ip)
	if err != nil {
		return nil, nil, err
	}
	hashLen := 20
	if out, err := runGit(s.r.Root, "rev-parse", "--show-object-format"); err == nil && strings.TrimSpace(string(out)) == "sha256" {
		hashLen = 32
	}
	entries, err := readIndex(b, hashLen)
	if err != nil {
		return nil, nil, err
	}
	files := make([]checks.FileInfo, 0, len(entries))
	hashes := make([]string, 0, len(entries))
	var ask []string
	var askIdx []int
	seen := make(map[string]bool, len(entries))
	for _, e := range entries {
		if seen[e.path] {
			continue
		}
		seen[e.path] = true
		mode := modeOf(fmt.Sprintf("%o", e.mode))
		if mode.IsDir() {
			continue // a submodule
		}
		files = append(files, checks.FileInfo{Path: e.path, Mode: mode, Size: int64(e.size)})
		hashes = append(hashes, e.hash)
		if (e.size == 0 && !emptyBlob(e.hash)) || snap.Attr(e.path, "filter") != "" {
			ask = append(ask, e.hash)
			askIdx = append(askIdx, len(files)-1)
		}
	}
	if len(ask) > 0 {
		sizes, err := batchSizes(s.r.Root, ask)
		if err != nil {
			return nil, nil, err
		}
		for k, i := range askIdx {
			files[i].Size = sizes[ask[k]]
		}
	}
	return files, hashes, nil
}

func emptyBlob(h string) bool {
	return h == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391" ||
		h == "473a0f4c3be8a93681a267e3b1e9a7dcda1185436fe141f7749120a303721813"
}
