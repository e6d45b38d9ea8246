package gc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/git-repro/git-repro/internal/atomicfile"
	"github.com/git-repro/git-repro/internal/bytesize"
	"github.com/git-repro/git-repro/lfsstore"
)

// Quota enforces a per-repository storage quota at batch time, before any
// bytes move. It satisfies the LFS server's Quota hook
// (lfsstore/server.Quota): the server calls CheckUpload with the objects
// a batch would upload and Stored after each upload.
//
// Usage is a ledger of the objects uploaded through each repository (their
// logical sizes, as plain LFS would store them), kept in a JSON file and
// written atomically. An object counts once per repository however often
// it is pushed.
//
// The ledger may be shared by a running server and "git repro lfs gc"
// (which credits removed objects back with Forget): every change is a
// read-modify-write under a lock file (flock on Unix), and a Quota reloads
// the ledger when another process changed it.
type Quota struct {
	// Limit returns the quota in bytes for a repository ("ns/repo");
	// ok=false means unlimited.
	Limit func(repo string) (bytes int64, ok bool)
	path  string
	mu    sync.Mutex
	used  map[string]map[lfsstore.OID]int64
	stamp fileStamp // of the ledger as last read or written
}

type fileStamp struct {
	size int64
	mod  int64
}

func stampOf(path string) fileStamp {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{fi.Size(), fi.ModTime().UnixNano()}
}

// NewQuota loads (or starts) the ledger at path.
func NewQuota(path string, limit func(repo string) (int64, bool)) (*Quota, error) {
	q := &Quota{Limit: limit, path: path, used: map[string]map[lfsstore.OID]int64{}}
	if err := q.load(); err != nil {
		return nil, err
	}
	return q, nil
}

// load reads the ledger (an absent file is an empty ledger).
func (q *Quota) load() error {
	st := stampOf(q.path)
	b, err := os.ReadFile(q.path)
	if errors.Is(err, fs.ErrNotExist) {
		q.used, q.stamp = map[string]map[lfsstore.OID]int64{}, fileStamp{}
		return nil
	}
	if err != nil {
		return err
	}
	var raw map[string]map[string]int64
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("quota ledger %q: %v", q.path, err)
	}
	used := map[string]map[lfsstore.OID]int64{}
	for repo, objs := range raw {
		m := map[lfsstore.OID]int64{}
		for s, n := range objs {
			oid, err := lfsstore.ParseOID(s)
			if err != nil || n < 0 {
				return fmt.Errorf("quota ledger %q: bad entry %q for %q", q.path, s, repo)
			}
			m[oid] = n
		}
		used[repo] = m
	}
	q.used, q.stamp = used, st
	return nil
}

// refresh reloads the ledger if another process changed it. Call with
// q.mu held.
func (q *Quota) refresh() {
	if stampOf(q.path) != q.stamp {
		_ = q.load() // a ledger being replaced reads whole (atomic rename); on error keep what we have
	}
}

// update runs fn on the current ledger under the cross-process lock and
// saves the result. Call with q.mu held.
func (q *Quota) update(fn func()) error {
	unlock, err := lockFile(q.path + ".lock")
	if err != nil {
		return err
	}
	defer unlock()
	q.refresh()
	fn()
	return q.save()
}

// Usage returns the bytes a repository uses.
func (q *Quota) Usage(repo string) int64 {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.refresh()
	return q.usage(repo)
}

func (q *Quota) usage(repo string) int64 {
	var n int64
	for _, s := range q.used[repo] {
		n += s
	}
	return n
}

// CheckUpload implements the server's Quota hook. The error lists every
// object of the batch that does not fit, so the client shows why.
func (q *Quota) CheckUpload(ctx context.Context, repo string, objects []lfsstore.Info) error {
	if q.Limit == nil {
		return nil
	}
	limit, ok := q.Limit(repo)
	if !ok {
		return nil
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	q.refresh()
	used := q.usage(repo)
	total := used
	var over []string
	for _, o := range objects {
		if _, have := q.used[repo][o.OID]; have {
			continue
		}
		total += o.Size
		if total > limit {
			over = append(over, fmt.Sprintf("object %s (%s) would bring it to %s", o.OID, bytesize.Format(o.Size), bytesize.Format(total)))
		}
	}
	if len(over) == 0 {
		return nil
	}
	return fmt.Errorf("quota exceeded for repository %q: %s of %s used; %s; free space with \"git repro lfs gc\" or ask an admin to raise the quota",
		repo, bytesize.Format(used), bytesize.Format(limit), strings.Join(over, "; "))
}

// Stored implements the server's Quota hook: it records the object
// against the repository.
func (q *Quota) Stored(ctx context.Context, repo string, object lfsstore.Info) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.refresh()
	if _, ok := q.used[repo][object.OID]; ok {
		return
	}
	// The ledger is advisory; a failed write costs accuracy, not data.
	_ = q.update(func() {
		m := q.used[repo]
		if m == nil {
			m = map[lfsstore.OID]int64{}
			q.used[repo] = m
		}
		m[object.OID] = object.Size
	})
}

// Forget drops objects from every repository's usage (after gc removed
// them from the store).
func (q *Quota) Forget(oids []lfsstore.OID) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.update(func() {
		for _, m := range q.used {
			for _, o := range oids {
				delete(m, o)
			}
		}
	})
}

func (q *Quota) save() error {
	raw := map[string]map[string]int64{}
	for repo, m := range q.used {
		r := map[string]int64{}
		for o, n := range m {
			r[o.String()] = n
		}
		raw[repo] = r
	}
	b, err := json.MarshalIndent(raw, "", " ")
	if err != nil {
		return err
	}
	if err := atomicfile.WriteFile(q.path, b, 0o644); err != nil {
		return err
	}
	q.stamp = stampOf(q.path)
	return nil
}

// Repos returns the repositories in the ledger, sorted.
func (q *Quota) Repos() []string {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.refresh()
	var out []string
	for r := range q.used {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}
