package gitx

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/git-repro/git-repro/snapshot"
)

// The staged set without starting "git diff --cached": the index's
// cache-tree extension records, for every directory whose entries have not
// changed since it was last written, the tree object those entries make.
// Where that tree equals HEAD's tree for the directory, nothing under it is
// staged, and its index entries are skipped by count. Only the directories
// on the way to a staged file are compared entry by entry, reading HEAD's
// trees through the cat-file process the run needs anyway. This is what
// git does itself; doing it in-process saves git's start-up and its full
// index parse and checksum. Anything unusual (no cache-tree, conflicts,
// intent-to-add or skip-worktree entries, an unborn branch, a budget of
// tree reads exceeded) is left to "git diff --cached".

var errStagedFallback = errors.New("staged diff left to git")

// Budgets beyond which git's own diff is faster.
const (
	maxTreeReads  = 64
	maxEntryVisit = 20000
)

type cacheNode struct {
	count    int    // index entries under the directory; -1: invalid
	hash     string // hex tree hash when valid
	children map[string]*cacheNode
}

// parseCacheTree reads the TREE extension (pre-order: path component NUL,
// "<entry count> <subtree count>\n", then the hash when count >= 0).
func parseCacheTree(b []byte, hashLen int) (*cacheNode, error) {
	off := 0
	var parse func(depth int) (string, *cacheNode, error)
	parse = func(depth int) (string, *cacheNode, error) {
		if depth > 256 {
			return "", nil, errors.New("cache-tree too deep")
		}
		nul := bytes.IndexByte(b[off:], 0)
		if nul < 0 {
			return "", nil, errors.New("cache-tree: unterminated name")
		}
		name := string(b[off : off+nul])
		off += nul + 1
		nl := bytes.IndexByte(b[off:], '\n')
		if nl < 0 {
			return "", nil, errors.New("cache-tree: unterminated counts")
		}
		f := strings.Fields(string(b[off : off+nl]))
		off += nl + 1
		if len(f) != 2 {
			return "", nil, errors.New("cache-tree: bad counts")
		}
		count, err1 := strconv.Atoi(f[0])
		subs, err2 := strconv.Atoi(f[1])
		if err1 != nil || err2 != nil || subs < 0 || subs > len(b)-off || count < -1 {
			return "", nil, errors.New("cache-tree: bad counts")
		}
		n := &cacheNode{count: count, children: make(map[string]*cacheNode, subs)}
		if count >= 0 {
			if off+hashLen > len(b) {
				return "", nil, errors.New("cache-tree: truncated hash")
			}
			n.hash = hex.EncodeToString(b[off : off+hashLen])
			off += hashLen
		}
		for i := 0; i < subs; i++ {
			cname, child, err := parse(depth + 1)
			if err != nil {
				return "", nil, err
			}
			n.children[cname] = child
		}
		return name, n, nil
	}
	_, root, err := parse(0)
	return root, err
}

type treeEntry struct {
	mode string // "100644", "100755", "120000", "160000", "40000"
	hash string
}

// parseTree reads a tree object: "<mode> <name>\0<hash>" repeated.
func parseTree(b []byte, hashLen int) (map[string]treeEntry, error) {
	m := map[string]treeEntry{}
	for len(b) > 0 {
		sp := bytes.IndexByte(b, ' ')
		nul := bytes.IndexByte(b, 0)
		if sp < 0 || nul < sp || nul+1+hashLen > len(b) {
			return nil, errors.New("malformed tree object")
		}
		m[string(b[sp+1:nul])] = treeEntry{mode: string(b[:sp]), hash: hex.EncodeToString(b[nul+1 : nul+1+hashLen])}
		b = b[nul+1+hashLen:]
	}
	return m, nil
}

// stagedChange is one added or modified index entry.
type stagedChange struct {
	path, hash string
	mode       uint32
}

type stagedDiff struct {
	r       *Repo
	l       *indexLookup
	reads   int
	visits  int
	changed []stagedChange
	deleted []string
}

// stagedFromCacheTree computes the staged set in-process, or returns
// errStagedFallback.
func (r *Repo) stagedFromCacheTree() ([]stagedChange, []string, error) {
	go r.cat.Start() // start cat-file on the other core while the index is scanned
	l, err := r.lookupIndex()
	if err != nil || l.byPath != nil || l.unusual || l.cacheTree == nil {
		return nil, nil, errStagedFallback
	}
	root, err := parseCacheTree(l.cacheTree, l.hashLen)
	if err != nil {
		return nil, nil, errStagedFallback
	}
	oi, err := r.cat.Info("HEAD^{tree}")
	if err != nil || oi.Type != "tree" || len(oi.Name) != 2*l.hashLen {
		return nil, nil, errStagedFallback // an unborn branch, or no cat-file
	}
	d := &stagedDiff{r: r, l: l}
	if root.count >= 0 && root.hash == oi.Name {
		return nil, nil, nil // nothing staged
	}
	head, err := d.readTree(oi.Name)
	if err != nil {
		return nil, nil, err
	}
	end, err := d.walk("", 0, root, head)
	if err != nil {
		return nil, nil, err
	}
	if end != len(l.ents) {
		return nil, nil, errStagedFallback
	}
	return d.changed, d.deleted, nil
}

func (d *stagedDiff) readTree(hash string) (map[string]treeEntry, error) {
	if d.reads++; d.reads > maxTreeReads {
		return nil, errStagedFallback
	}
	oi, b, err := d.r.cat.Read(hash, snapshot.MaxFileSize)
	if err != nil || oi.Type != "tree" {
		return nil, errStagedFallback
	}
	t, err := parseTree(b, d.l.hashLen)
	if err != nil {
		return nil, errStagedFallback
	}
	return t, nil
}

func (d *stagedDiff) path(i int) string {
	e := d.l.ents[i]
	return string(d.l.data[e.pathStart : e.pathStart+e.pathLen])
}

// walk compares the index entries under prefix, starting at entry i, with
// HEAD's tree for that directory (nil when HEAD has none), and returns the
// index of the first entry past the directory.
func (d *stagedDiff) walk(prefix string, i int, node *cacheNode, head map[string]treeEntry) (int, error) {
	seen := map[string]bool{}
	for i < len(d.l.ents) {
		p := d.path(i)
		if !strings.HasPrefix(p, prefix) {
			break
		}
		if d.visits++; d.visits > maxEntryVisit {
			return 0, errStagedFallback
		}
		rest := p[len(prefix):]
		if slash := strings.IndexByte(rest, '/'); slash >= 0 {
			c := rest[:slash]
			seen[c] = true
			h, inHead := head[c]
			isTree := inHead && h.mode == "40000"
			var child *cacheNode
			if node != nil {
				child = node.children[c]
			}
			if child != nil && child.count > 0 && isTree && child.hash == h.hash {
				// Unchanged directory: skip its entries, after checking
				// that they are exactly the next child.count ones.
				last := i + child.count - 1
				sub := prefix + c + "/"
				if last >= len(d.l.ents) || !strings.HasPrefix(d.path(last), sub) ||
					(last+1 < len(d.l.ents) && strings.HasPrefix(d.path(last+1), sub)) {
					return 0, errStagedFallback
				}
				i = last + 1
				continue
			}
			var sub map[string]treeEntry
			if isTree {
				var err error
				if sub, err = d.readTree(h.hash); err != nil {
					return 0, err
				}
			} else if inHead {
				d.deleted = append(d.deleted, prefix+c) // a file replaced by a directory
			}
			var err error
			if i, err = d.walk(prefix+c+"/", i, child, sub); err != nil {
				return 0, err
			}
			continue
		}
		seen[rest] = true
		raw := d.l.data[d.l.ents[i].start:]
		mode := uint32(raw[24])<<24 | uint32(raw[25])<<16 | uint32(raw[26])<<8 | uint32(raw[27])
		hash := hex.EncodeToString(raw[40 : 40+d.l.hashLen])
		h, inHead := head[rest]
		if !inHead || h.hash != hash || h.mode != fmt.Sprintf("%o", mode) {
			d.changed = append(d.changed, stagedChange{path: p, hash: hash, mode: mode})
			if inHead && h.mode == "40000" {
				d.deleted = append(d.deleted, p) // a directory replaced by a file
			}
		}
		i++
	}
	for name := range head {
		if !seen[name] {
			d.deleted = append(d.deleted, prefix+name)
		}
	}
	return i, nil
}
