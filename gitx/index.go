package gitx

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unsafe"

	"github.com/git-repro/git-repro/snapshot"
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
	return filepath.Join(r.GitDir, "index"), nil
}

// hashLen is the object id length in bytes: 32 for SHA-256 repositories.
func (r *Repo) hashLen() int {
	if cfg, err := os.ReadFile(filepath.Join(r.CommonDir, "config")); err == nil {
		for _, line := range strings.Split(string(cfg), "\n") {
			k, v, _ := strings.Cut(strings.ToLower(strings.TrimSpace(line)), "=")
			if strings.TrimSpace(k) == "objectformat" && strings.TrimSpace(v) == "sha256" {
				return 32
			}
		}
	}
	return 20
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
	// The hashes in hex, all in one buffer: one string for the index
	// rather than one allocation per entry.
	hexLen := 2 * hashLen
	hexes := make([]byte, 0, n*hexLen)
	prev := ""
	for i := 0; i < n; i++ {
		start := off
		fixed := 40 + hashLen + 2 // stat data (40 bytes incl. mode and size), hash, flags
		if off+fixed > len(body) {
			return nil, fmt.Errorf("index truncated at entry %d", i)
		}
		mode := binary.BigEndian.Uint32(body[off+24 : off+28])
		size := binary.BigEndian.Uint32(body[off+36 : off+40])
		hashBytes := body[off+40 : off+40+hashLen]
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
		hexes = hex.AppendEncode(hexes, hashBytes)
		entries = append(entries, indexEntry{path: name, mode: mode, size: size})
	}
	// hexes is not written again: the string shares its bytes.
	all := unsafe.String(unsafe.SliceData(hexes), len(hexes))
	for i := range entries {
		entries[i].hash = all[i*hexLen : (i+1)*hexLen]
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
func (s indexSource) leanList(snap *Snapshot) ([]snapshot.FileInfo, []string, error) {
	ip, err := s.r.indexPath()
	if err != nil {
		return nil, nil, err
	}
	b, _, err := readIndexFile(ip)
	if err != nil {
		return nil, nil, err
	}
	entries, err := readIndex(b, s.r.hashLen())
	if err != nil {
		return nil, nil, err
	}
	// Filtered files (git-lfs) have their smudged size in the stat data.
	// Matching gitattributes costs more than the rest of the listing, so
	// it is skipped when no attributes file sets a filter at all.
	filters := bytes.Contains(s.r.infoFile("info/attributes"), []byte("filter"))
	for _, e := range entries {
		if !filters && (e.path == ".gitattributes" || strings.HasSuffix(e.path, "/.gitattributes")) {
			if b := snap.readOwn(e.path); bytes.Contains(b, []byte("filter")) {
				filters = true
			}
		}
	}
	files := make([]snapshot.FileInfo, 0, len(entries))
	hashes := make([]string, 0, len(entries))
	var ask []string
	var askIdx []int
	prev := ""
	for i, e := range entries {
		if i > 0 && e.path == prev {
			continue // stages of one conflicted path are adjacent
		}
		prev = e.path
		mode := modeOfBits(e.mode)
		if mode.IsDir() {
			continue // a submodule
		}
		files = append(files, snapshot.FileInfo{Path: e.path, Mode: mode, Size: int64(e.size)})
		hashes = append(hashes, e.hash)
		if (e.size == 0 && !emptyBlob(e.hash)) || (filters && snap.Attr(e.path, "filter") != "") {
			ask = append(ask, e.hash)
			askIdx = append(askIdx, len(files)-1)
		}
	}
	if len(ask) > 0 {
		sizes, err := s.r.git.ObjectSizes(s.r.ctx, ask)
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

// indexLookup answers "is this path in the index, and with which blob?"
// without building 100,000 strings: one pass records where each entry's
// path lies, and lookups binary-search those byte ranges (entries are
// sorted by path). Index v4 compresses paths against their predecessor,
// so there it falls back to a full parse.
type indexLookup struct {
	data    []byte
	hashLen int
	ents    []entryRef // stage 0 or 2 entries, in index order
	// Where the lean reader steps aside (index v4, or git's listing):
	// entries by path, and the paths sorted.
	byPath map[string]indexEntry
	paths  []string

	// For the staged diff (staged.go): the cache-tree extension, and
	// whether any entry is in conflict or has extended flags (intent to
	// add, skip-worktree), which that diff leaves to git.
	cacheTree []byte
	unusual   bool
}

type entryRef struct{ start, pathStart, pathLen int32 }

func newIndexLookup(b []byte, hashLen int) (*indexLookup, error) {
	if len(b) < 12+hashLen || string(b[:4]) != "DIRC" {
		return nil, fmt.Errorf("not an index file")
	}
	switch binary.BigEndian.Uint32(b[4:8]) {
	case 2, 3:
	case 4:
		es, err := readIndex(b, hashLen)
		if err != nil {
			return nil, err
		}
		return lookupOf(es), nil
	default:
		return nil, errIndexUnsupported
	}
	if len(b) > 1<<31-1 {
		return nil, errIndexUnsupported
	}
	n := int(binary.BigEndian.Uint32(b[8:12]))
	if n > len(b)/(40+hashLen+3) {
		return nil, fmt.Errorf("index claims %d entries in %d bytes", n, len(b))
	}
	body := b[:len(b)-hashLen]
	l := &indexLookup{data: body, hashLen: hashLen, ents: make([]entryRef, 0, n)}
	off := 12
	fixed := 40 + hashLen + 2
	for i := 0; i < n; i++ {
		start := off
		if off+fixed > len(body) {
			return nil, fmt.Errorf("index truncated at entry %d", i)
		}
		mode := binary.BigEndian.Uint32(body[off+24 : off+28])
		flags := binary.BigEndian.Uint16(body[off+40+hashLen : off+fixed])
		off += fixed
		if flags&0x4000 != 0 {
			off += 2
		}
		end := bytes.IndexByte(body[off:], 0)
		if end < 0 {
			return nil, fmt.Errorf("index entry %d: unterminated path", i)
		}
		ps := off
		off += end + 1
		for (off-start)%8 != 0 {
			off++
		}
		if mode&0o170000 == 0o040000 {
			return nil, errIndexUnsupported
		}
		if flags&0x3000 != 0 || flags&0x4000 != 0 {
			l.unusual = true
		}
		if stage := (flags >> 12) & 3; stage == 0 || stage == 2 {
			l.ents = append(l.ents, entryRef{int32(start), int32(ps), int32(end)})
		}
	}
	for off+8 <= len(body) { // a split index keeps entries elsewhere
		sig := string(body[off : off+4])
		if sig == "link" || sig == "sdir" {
			return nil, errIndexUnsupported
		}
		size := int(binary.BigEndian.Uint32(body[off+4 : off+8]))
		if sig == "TREE" && off+8+size <= len(body) {
			l.cacheTree = body[off+8 : off+8+size]
		}
		off += 8 + size
	}
	return l, nil
}

// find returns the stage-0 (or, in a conflict, stage-2) entry of p.
func (l *indexLookup) find(p string) (indexEntry, bool) {
	if l.byPath != nil {
		e, ok := l.byPath[p]
		return e, ok
	}
	i := sort.Search(len(l.ents), func(i int) bool {
		r := l.ents[i]
		return string(l.data[r.pathStart:r.pathStart+r.pathLen]) >= p
	})
	if i == len(l.ents) {
		return indexEntry{}, false
	}
	r := l.ents[i]
	if string(l.data[r.pathStart:r.pathStart+r.pathLen]) != p {
		return indexEntry{}, false
	}
	e := l.data[r.start:]
	return indexEntry{
		path: p,
		mode: binary.BigEndian.Uint32(e[24:28]),
		size: binary.BigEndian.Uint32(e[36:40]),
		hash: hex.EncodeToString(e[40 : 40+l.hashLen]),
	}, true
}

// lookupOf indexes entries by path.
func lookupOf(es []indexEntry) *indexLookup {
	l := &indexLookup{byPath: make(map[string]indexEntry, len(es))}
	for _, e := range es {
		if _, dup := l.byPath[e.path]; !dup {
			l.paths = append(l.paths, e.path)
		}
		l.byPath[e.path] = e
	}
	sort.Strings(l.paths)
	return l
}

// lookupIndex loads the lookup once per Repo: the lean reader, else git's
// own listing ("git ls-files --stage") where the reader steps aside (a
// split or sparse index).
func (r *Repo) lookupIndex() (*indexLookup, error) {
	r.lookupOnce.Do(func() {
		ip, err := r.indexPath()
		if err == nil {
			// The mapping is never released: lookups hand out copies, and
			// a Repo lives for one command. git replaces the index by
			// rename, never in place, so the mapped file does not change
			// under us.
			var b []byte
			if b, _, err = readIndexFile(ip); err == nil {
				r.lookup, err = newIndexLookup(b, r.hashLen())
			} else if errors.Is(err, fs.ErrNotExist) {
				r.lookup, err = lookupOf(nil), nil // no index yet: nothing staged
				return
			}
		}
		if err != nil {
			r.lookup, r.lookupErr = r.lsFilesLookup()
		}
	})
	return r.lookup, r.lookupErr
}

// lsFilesLookup builds the lookup from "git ls-files --stage".
func (r *Repo) lsFilesLookup() (*indexLookup, error) {
	out, err := r.run("ls-files", "--stage", "-z")
	if err != nil {
		return nil, err
	}
	return lookupOf(parseStage(out)), nil
}

// parseStage parses "git ls-files --stage -z" output, records of
// "<mode> <hash> <stage>\t<path>": the stage-0 entries and, in a conflict,
// stage 2 ("ours"), as the lean reader keeps them. Malformed records are
// skipped.
func parseStage(out []byte) []indexEntry {
	var es []indexEntry
	for _, rec := range splitZ(out) {
		meta, p, ok := strings.Cut(rec, "\t")
		f := strings.Fields(meta)
		if !ok || p == "" || len(f) != 3 || (f[2] != "0" && f[2] != "2") {
			continue
		}
		mode, err := strconv.ParseUint(f[0], 8, 32)
		if err != nil {
			continue
		}
		es = append(es, indexEntry{path: p, mode: uint32(mode), hash: f[1]})
	}
	return es
}

// hasDir reports whether some entry lies under the directory p.
func (l *indexLookup) hasDir(p string) bool {
	prefix := p + "/"
	if l.byPath != nil {
		i := sort.SearchStrings(l.paths, prefix)
		return i < len(l.paths) && strings.HasPrefix(l.paths[i], prefix)
	}
	i := sort.Search(len(l.ents), func(i int) bool {
		r := l.ents[i]
		return string(l.data[r.pathStart:r.pathStart+r.pathLen]) >= prefix
	})
	if i == len(l.ents) {
		return false
	}
	r := l.ents[i]
	return strings.HasPrefix(string(l.data[r.pathStart:r.pathStart+r.pathLen]), prefix)
}

// dirFiles lists up to max paths directly under prefix ("" for the root,
// else "dir/"), in index order.
func (l *indexLookup) dirFiles(prefix string, max int) []string {
	var out []string
	direct := func(p string) bool {
		rest, ok := strings.CutPrefix(p, prefix)
		return ok && rest != "" && !strings.Contains(rest, "/")
	}
	if l.byPath != nil {
		for i := sort.SearchStrings(l.paths, prefix); i < len(l.paths) && len(out) < max && strings.HasPrefix(l.paths[i], prefix); i++ {
			if direct(l.paths[i]) {
				out = append(out, l.paths[i])
			}
		}
		return out
	}
	i := sort.Search(len(l.ents), func(i int) bool {
		r := l.ents[i]
		return string(l.data[r.pathStart:r.pathStart+r.pathLen]) >= prefix
	})
	for ; i < len(l.ents) && len(out) < max; i++ {
		r := l.ents[i]
		p := string(l.data[r.pathStart : r.pathStart+r.pathLen])
		if !strings.HasPrefix(p, prefix) {
			break
		}
		if direct(p) {
			out = append(out, p)
		}
	}
	return out
}
