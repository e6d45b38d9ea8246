package gc

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

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
type Quota struct {
	// Limit returns the quota in bytes for a repository ("ns/repo");
	// ok=false means unlimited.
	Limit func(repo string) (bytes int64, ok bool)
	path  string
	mu    sync.Mutex
	used  map[string]map[lfsstore.OID]int64
}

// NewQuota loads (or starts) the ledger at path.
func NewQuota(path string, limit func(repo string) (int64, bool)) (*Quota, error) {
	q := &Quota{Limit: limit, path: path, used: map[string]map[lfsstore.OID]int64{}}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return q, nil
	}
	if err != nil {
		return nil, err
	}
	var raw map[string]map[string]int64
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("quota ledger %q: %v", path, err)
	}
	for repo, objs := range raw {
		m := map[lfsstore.OID]int64{}
		for s, n := range objs {
			oid, err := lfsstore.ParseOID(s)
			if err != nil || n < 0 {
				return nil, fmt.Errorf("quota ledger %q: bad entry %q for %q", path, s, repo)
			}
			m[oid] = n
		}
		q.used[repo] = m
	}
	return q, nil
}

// Usage returns the bytes a repository uses.
func (q *Quota) Usage(repo string) int64 {
	q.mu.Lock()
	defer q.mu.Unlock()
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
	limit, ok := q.Limit(repo)
	if !ok {
		return nil
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	used := q.usage(repo)
	total := used
	var over []string
	for _, o := range objects {
		if _, have := q.used[repo][o.OID]; have {
			continue
		}
		total += o.Size
		if total > limit {
			over = append(over, fmt.Sprintf("object %s (%s) would bring it to %s", o.OID, human(o.Size), human(total)))
		}
	}
	if len(over) == 0 {
		return nil
	}
	return fmt.Errorf("quota exceeded for repository %q: %s of %s used; %s; free space with \"git repro lfs gc\" or ask an admin to raise the quota",
		repo, human(used), human(limit), strings.Join(over, "; "))
}

// Stored implements the server's Quota hook: it records the object
// against the repository.
func (q *Quota) Stored(ctx context.Context, repo string, object lfsstore.Info) {
	q.mu.Lock()
	defer q.mu.Unlock()
	m := q.used[repo]
	if m == nil {
		m = map[lfsstore.OID]int64{}
		q.used[repo] = m
	}
	if _, ok := m[object.OID]; ok {
		return
	}
	m[object.OID] = object.Size
	_ = q.save() // the ledger is advisory; a failed write costs accuracy, not data
}

// Forget drops objects from every repository's usage (after gc removed
// them from the store).
func (q *Quota) Forget(oids []lfsstore.OID) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	for _, m := range q.used {
		for _, o := range oids {
			delete(m, o)
		}
	}
	return q.save()
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
	dir := filepath.Dir(q.path)
	f, err := os.CreateTemp(dir, ".quota-*")
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	f.Close()
	return os.Rename(f.Name(), q.path)
}

func human(n int64) string {
	units := []string{"B", "KiB", "MiB", "GiB", "TiB"}
	f := float64(n)
	i := 0
	for f >= 1024 && i < len(units)-1 {
		f /= 1024
		i++
	}
	if i == 0 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%.1f %s", f, units[i])
}

// Repos returns the repositories in the ledger, sorted.
func (q *Quota) Repos() []string {
	q.mu.Lock()
	defer q.mu.Unlock()
	var out []string
	for r := range q.used {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}
