package gc

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/git-repro/git-repro/internal/atomicfile"
	"github.com/git-repro/git-repro/internal/bytesize"
	"github.com/git-repro/git-repro/lfsstore"
)

// Quota enforces a per-repository storage quota at batch time, before any
// bytes move. It satisfies the LFS server's Quota hook
// (lfsstore/server.Quota): the server reserves the objects an upload batch
// would add, and each upload turns its reservation into usage (or
// releases it when the upload is refused).
//
// Usage is what each repository uploaded (logical object sizes, as plain
// LFS would store them; an object counts once per repository however
// often it is pushed). Reservations make parallel pushes add up: a batch
// is refused when what the repository uses plus what its other batches
// have reserved plus the batch would pass the quota. A reservation lapses
// when the batch's upload links expire.
//
// The ledger is an append-only log, one record per line, so an upload
// adds a line instead of rewriting every repository's usage:
//
//	git-repro-quota 1
//	+ <repo> <oid> <size>           stored
//	- <oid>                         removed by gc, from every repository
//	r <repo> <oid> <size> <unix>    reserved until
//	x <repo> <oid>                  reservation released
//
// (<repo> is "/" for the root repository.) Every change is written and
// fsynced under a lock file (flock on Unix) and errors are returned, not
// dropped; each process reads only what others appended since its last
// look. When the log has grown to several times its live content it is
// rewritten (atomically) with one line per live record. A legacy JSON
// ledger ({"repo": {"oid": size}}) is converted on first use.
//
// The ledger may be shared by a running server and "git repro lfs gc"
// (which credits removed objects back with Forget).
type Quota struct {
	// Limit returns the quota in bytes for a repository ("ns/repo");
	// ok=false means unlimited.
	Limit func(repo string) (bytes int64, ok bool)
	// Now is the clock reservations expire by. Default: time.Now.
	Now func() time.Time

	path string
	mu   sync.Mutex
	used map[string]map[lfsstore.OID]int64
	resv map[string]map[lfsstore.OID]reservation

	read  int64 // bytes of the log applied
	ident fileIdent
	lines int // records in the log, to decide when to compact
}

type reservation struct {
	size  int64
	until int64 // unix seconds
}

const quotaHeader = "git-repro-quota 1\n"

// NewQuota loads (or starts) the ledger at path.
func NewQuota(path string, limit func(repo string) (int64, bool)) (*Quota, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("quota ledger %q: %w", path, err)
	}
	q := &Quota{Limit: limit, path: path}
	q.reset()
	err := q.locked(func() error { return nil })
	if err != nil {
		return nil, err
	}
	return q, nil
}

func (q *Quota) now() time.Time {
	if q.Now != nil {
		return q.Now()
	}
	return time.Now()
}

func (q *Quota) reset() {
	q.used = map[string]map[lfsstore.OID]int64{}
	q.resv = map[string]map[lfsstore.OID]reservation{}
	q.read, q.lines, q.ident = 0, 0, fileIdent{}
}

// locked runs fn under q.mu and the cross-process lock, with the ledger
// read up to date.
func (q *Quota) locked(fn func() error) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	unlock, err := lockFile(q.path + ".lock")
	if err != nil {
		return fmt.Errorf("quota ledger %q: lock: %w", q.path, err)
	}
	defer unlock()
	if err := q.catchUp(); err != nil {
		return err
	}
	return fn()
}

// catchUp applies what was appended since the last look, or rereads a
// ledger that was replaced (compacted). Call it under the lock.
func (q *Quota) catchUp() error {
	f, err := os.Open(q.path)
	if errors.Is(err, fs.ErrNotExist) {
		q.reset()
		return nil
	}
	if err != nil {
		return fmt.Errorf("quota ledger %q: %w", q.path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if id := identOf(fi); id != q.ident || fi.Size() < q.read {
		q.reset()
		q.ident = id
	}
	if q.read == 0 {
		head := make([]byte, len(quotaHeader))
		n, err := io.ReadFull(f, head)
		if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
			return fmt.Errorf("quota ledger %q: %w", q.path, err)
		}
		if n > 0 && head[0] == '{' {
			return q.convertJSON()
		}
		if n > 0 && string(head[:n]) != quotaHeader {
			return fmt.Errorf("quota ledger %q: not a git-repro quota ledger (first line %q)", q.path, firstLine(head[:n]))
		}
		if n < len(quotaHeader) {
			return nil // empty, or a header still being written
		}
		q.read = int64(len(quotaHeader))
	}
	if _, err := f.Seek(q.read, io.SeekStart); err != nil {
		return err
	}
	br := bufio.NewReaderSize(f, 64<<10)
	for {
		line, err := br.ReadBytes('\n')
		if err == io.EOF {
			return nil // a line without its newline is torn: ignored, and truncated before the next append
		}
		if err != nil {
			return fmt.Errorf("quota ledger %q: %w", q.path, err)
		}
		if err := q.apply(string(line[:len(line)-1])); err != nil {
			return fmt.Errorf("quota ledger %q at byte %d: %w", q.path, q.read, err)
		}
		q.read += int64(len(line))
		q.lines++
	}
}

func firstLine(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	return string(b)
}

// apply interprets one record.
func (q *Quota) apply(line string) error {
	f := strings.Fields(line)
	bad := fmt.Errorf("bad record %q", truncate(line))
	if len(f) < 2 {
		return bad
	}
	repo := ""
	if len(f) >= 3 {
		repo = unrepo(f[1])
	}
	switch {
	case f[0] == "+" && len(f) == 4:
		oid, err1 := lfsstore.ParseOID(f[2])
		n, err2 := strconv.ParseInt(f[3], 10, 64)
		if err1 != nil || err2 != nil || n < 0 {
			return bad
		}
		set(q.used, repo)[oid] = n
		delete(q.resv[repo], oid)
	case f[0] == "-" && len(f) == 2:
		oid, err := lfsstore.ParseOID(f[1])
		if err != nil {
			return bad
		}
		for _, m := range q.used {
			delete(m, oid)
		}
	case f[0] == "r" && len(f) == 5:
		oid, err1 := lfsstore.ParseOID(f[2])
		n, err2 := strconv.ParseInt(f[3], 10, 64)
		until, err3 := strconv.ParseInt(f[4], 10, 64)
		if err1 != nil || err2 != nil || err3 != nil || n < 0 {
			return bad
		}
		set(q.resv, repo)[oid] = reservation{n, until}
	case f[0] == "x" && len(f) == 3:
		oid, err := lfsstore.ParseOID(f[2])
		if err != nil {
			return bad
		}
		delete(q.resv[repo], oid)
	default:
		return bad
	}
	return nil
}

func set[V any](m map[string]map[lfsstore.OID]V, repo string) map[lfsstore.OID]V {
	if m[repo] == nil {
		m[repo] = map[lfsstore.OID]V{}
	}
	return m[repo]
}

func truncate(s string) string {
	if len(s) > 100 {
		return s[:100] + "..."
	}
	return s
}

// Repository names have no spaces (the server allows letters, digits,
// ".", "_", "-" and one "/"); the root repository is "/".
func enrepo(repo string) string {
	if repo == "" {
		return "/"
	}
	return repo
}

func unrepo(s string) string {
	if s == "/" {
		return ""
	}
	return s
}

// appendRecords writes records (one per line) at the end of the ledger and
// fsyncs it. Call it under the lock, after catchUp.
func (q *Quota) appendRecords(recs ...string) error {
	if len(recs) == 0 {
		return nil
	}
	f, err := os.OpenFile(q.path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return fmt.Errorf("quota ledger %q: %w", q.path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	var b strings.Builder
	at := q.read
	if at == 0 {
		b.WriteString(quotaHeader)
	}
	if fi.Size() > at {
		// A torn line (or header) a crashed writer left: cut it off.
		if err := f.Truncate(at); err != nil {
			return fmt.Errorf("quota ledger %q: %w", q.path, err)
		}
	}
	for _, r := range recs {
		b.WriteString(r + "\n")
	}
	if _, err := f.WriteAt([]byte(b.String()), at); err != nil {
		return fmt.Errorf("quota ledger %q: write: %w", q.path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("quota ledger %q: fsync: %w", q.path, err)
	}
	if at == 0 {
		if err := atomicfile.SyncDir(filepath.Dir(q.path)); err != nil {
			return err
		}
		q.ident = identOf(fi)
	}
	// Apply what was written, as another process would read it.
	for _, r := range recs {
		if err := q.apply(r); err != nil {
			return err
		}
	}
	q.read = at + int64(b.Len())
	q.lines += len(recs)
	return q.maybeCompact()
}

// maybeCompact rewrites the ledger when most of its lines are dead.
func (q *Quota) maybeCompact() error {
	live := 0
	for _, m := range q.used {
		live += len(m)
	}
	for _, m := range q.resv {
		live += len(m)
	}
	if q.lines < 1024 || q.lines < 4*live {
		return nil
	}
	return q.compact()
}

// compact rewrites the ledger with one line per live record. Call it
// under the lock.
func (q *Quota) compact() error {
	now := q.now().Unix()
	var recs []string
	for _, repo := range sortedKeys(q.used) {
		for oid, n := range q.used[repo] {
			recs = append(recs, fmt.Sprintf("+ %s %s %d", enrepo(repo), oid, n))
		}
	}
	for _, repo := range sortedKeys(q.resv) {
		for oid, r := range q.resv[repo] {
			if r.until > now {
				recs = append(recs, fmt.Sprintf("r %s %s %d %d", enrepo(repo), oid, r.size, r.until))
			}
		}
	}
	sort.Strings(recs)
	data := quotaHeader + strings.Join(recs, "\n")
	if len(recs) > 0 {
		data += "\n"
	}
	if err := atomicfile.WriteFile(q.path, []byte(data), 0o644); err != nil {
		return fmt.Errorf("quota ledger %q: compact: %w", q.path, err)
	}
	q.reset()
	return q.catchUp()
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// convertJSON reads a legacy JSON ledger and rewrites it as a log.
func (q *Quota) convertJSON() error {
	b, err := os.ReadFile(q.path)
	if err != nil {
		return err
	}
	var raw map[string]map[string]int64
	if err := json.Unmarshal(b, &raw); err != nil {
		return fmt.Errorf("quota ledger %q: %v", q.path, err)
	}
	q.reset()
	for repo, objs := range raw {
		for s, n := range objs {
			oid, err := lfsstore.ParseOID(s)
			if err != nil || n < 0 || strings.ContainsAny(repo, " \t\n") {
				return fmt.Errorf("quota ledger %q: bad entry %q for %q", q.path, s, repo)
			}
			set(q.used, repo)[oid] = n
		}
	}
	return q.compact()
}

// usage is what repo uses and has reserved at now, leaving out the
// reservations of skip. Call it under the lock.
func (q *Quota) usage(repo string, now int64, skip map[lfsstore.OID]bool) (used, reserved int64) {
	for _, n := range q.used[repo] {
		used += n
	}
	for oid, r := range q.resv[repo] {
		if r.until > now && !skip[oid] {
			if _, stored := q.used[repo][oid]; !stored {
				reserved += r.size
			}
		}
	}
	return used, reserved
}

// Usage returns the bytes a repository uses (stored, not reserved).
func (q *Quota) Usage(repo string) (int64, error) {
	var used int64
	err := q.locked(func() error {
		used, _ = q.usage(repo, q.now().Unix(), nil)
		return nil
	})
	return used, err
}

// Reserve implements the server's Quota hook: it refuses the batch if the
// objects do not fit beside what the repository uses and what its other
// batches reserved, and otherwise reserves them until until. The error
// lists every object of the batch that does not fit, so the client shows
// why.
func (q *Quota) Reserve(ctx context.Context, repo string, objects []lfsstore.Info, until time.Time) error {
	if q.Limit == nil {
		return nil
	}
	limit, ok := q.Limit(repo)
	if !ok {
		return nil
	}
	return q.locked(func() error {
		now := q.now().Unix()
		batch := map[lfsstore.OID]bool{}
		for _, o := range objects {
			batch[o.OID] = true
		}
		used, reserved := q.usage(repo, now, batch)
		total := used + reserved
		var over, recs []string
		seen := map[lfsstore.OID]bool{}
		for _, o := range objects {
			if _, have := q.used[repo][o.OID]; have || seen[o.OID] {
				continue
			}
			seen[o.OID] = true
			total += o.Size
			if total > limit {
				over = append(over, fmt.Sprintf("object %s (%s) would bring it to %s", o.OID, bytesize.Format(o.Size), bytesize.Format(total)))
			}
			recs = append(recs, fmt.Sprintf("r %s %s %d %d", enrepo(repo), o.OID, o.Size, until.Unix()))
		}
		if len(over) > 0 {
			inUse := bytesize.Format(used)
			if reserved > 0 {
				inUse += " (and " + bytesize.Format(reserved) + " reserved by uploads in progress)"
			}
			return fmt.Errorf("quota exceeded for repository %q: %s of %s used; %s; free space with \"git repro lfs gc\" or ask an admin to raise the quota",
				repo, inUse, bytesize.Format(limit), strings.Join(over, "; "))
		}
		return q.appendRecords(recs...)
	})
}

// Stored implements the server's Quota hook: the object counts against
// the repository from now on; its reservation is used up.
func (q *Quota) Stored(ctx context.Context, repo string, object lfsstore.Info) error {
	return q.locked(func() error {
		if n, ok := q.used[repo][object.OID]; ok && n == object.Size {
			if _, r := q.resv[repo][object.OID]; !r {
				return nil
			}
		}
		return q.appendRecords(fmt.Sprintf("+ %s %s %d", enrepo(repo), object.OID, object.Size))
	})
}

// Release implements the server's Quota hook: the upload was refused, so
// its reservation goes before it lapses.
func (q *Quota) Release(ctx context.Context, repo string, object lfsstore.Info) error {
	return q.locked(func() error {
		if _, ok := q.resv[repo][object.OID]; !ok {
			return nil
		}
		return q.appendRecords(fmt.Sprintf("x %s %s", enrepo(repo), object.OID))
	})
}

// Forget drops objects from every repository's usage (after gc removed
// them from the store).
func (q *Quota) Forget(oids []lfsstore.OID) error {
	return q.locked(func() error {
		recs := make([]string, len(oids))
		for i, o := range oids {
			recs[i] = "- " + o.String()
		}
		return q.appendRecords(recs...)
	})
}

// Repos returns the repositories in the ledger, sorted.
func (q *Quota) Repos() ([]string, error) {
	var out []string
	err := q.locked(func() error {
		out = sortedKeys(q.used)
		return nil
	})
	return out, err
}
