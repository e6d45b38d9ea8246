package server

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// lockStore keeps each repository's locks in <dir>/<namespace>/<repo>.json
// (the plain-root repository in <dir>/_root.json), rewritten atomically
// on every change. Repositories are loaded lazily and cached.
type lockStore struct {
	dir   string
	mu    sync.Mutex
	repos map[string][]lock // sorted by path
}

type lockFile struct {
	Version int    `json:"version"`
	Locks   []lock `json:"locks"`
}

func newLockStore(dir string) *lockStore {
	return &lockStore{dir: dir, repos: map[string][]lock{}}
}

func (ls *lockStore) file(repo string) string {
	if repo == "" {
		return filepath.Join(ls.dir, "_root.json")
	}
	ns, name, _ := strings.Cut(repo, "/")
	return filepath.Join(ls.dir, ns, name+".json")
}

// load returns repo's locks; the caller holds ls.mu.
func (ls *lockStore) load(repo string) ([]lock, error) {
	if l, ok := ls.repos[repo]; ok {
		return l, nil
	}
	b, err := os.ReadFile(ls.file(repo))
	var f lockFile
	switch {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		if err := json.Unmarshal(b, &f); err != nil {
			return nil, fmt.Errorf("corrupt lock file %s: %w", ls.file(repo), err)
		}
	}
	sort.Slice(f.Locks, func(i, j int) bool { return f.Locks[i].Path < f.Locks[j].Path })
	ls.repos[repo] = f.Locks
	return f.Locks, nil
}

// save persists repo's locks; the caller holds ls.mu.
func (ls *lockStore) save(repo string, locks []lock) error {
	b, err := json.MarshalIndent(lockFile{Version: 1, Locks: locks}, "", "  ")
	if err != nil {
		return err
	}
	if err := writeFileAtomic(ls.file(repo), append(b, '\n'), 0o644); err != nil {
		return err
	}
	ls.repos[repo] = locks
	return nil
}

// snapshot returns a copy of repo's locks.
func (ls *lockStore) snapshot(repo string) ([]lock, error) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	l, err := ls.load(repo)
	return append([]lock(nil), l...), err
}

func newLockID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// page returns locks from the one with id cursor on, at most limit, and
// the id that starts the next page.
func page(locks []lock, cursor string, limit int) ([]lock, string, error) {
	start := 0
	if cursor != "" {
		start = -1
		for i, l := range locks {
			if l.ID == cursor {
				start = i
				break
			}
		}
		if start < 0 {
			return nil, "", fmt.Errorf("invalid cursor %q: it names no lock; start without a cursor", cursor)
		}
	}
	locks = locks[start:]
	next := ""
	if limit > 0 && len(locks) > limit {
		next = locks[limit].ID
		locks = locks[:limit]
	}
	return locks, next, nil
}

const defaultLockLimit, maxLockLimit = 100, 1000

func parseLimit(s string) (int, error) {
	if s == "" {
		return defaultLockLimit, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("invalid limit %q: want a positive integer", s)
	}
	return min(n, maxLockLimit), nil
}

func (s *Server) lockStoreError(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("lock store failed", "request_id", reqOf(r).id, "err", err)
	s.errorf(w, r, http.StatusInternalServerError, "lock storage error; retry later")
}

// handleListLocks: GET /locks?path=&id=&cursor=&limit=&refspec=. Locks
// are per repository, not per ref, so refspec is accepted and ignored.
func (s *Server) handleListLocks(w http.ResponseWriter, r *http.Request) {
	if !s.authorize(w, r, ReadAccess) {
		return
	}
	q := r.URL.Query()
	limit, err := parseLimit(q.Get("limit"))
	if err != nil {
		s.errorf(w, r, http.StatusUnprocessableEntity, "%v", err)
		return
	}
	all, err := s.locks.snapshot(reqOf(r).repo)
	if err != nil {
		s.lockStoreError(w, r, err)
		return
	}
	var sel []lock
	for _, l := range all {
		if (q.Get("path") == "" || l.Path == q.Get("path")) && (q.Get("id") == "" || l.ID == q.Get("id")) {
			sel = append(sel, l)
		}
	}
	locks, next, err := page(sel, q.Get("cursor"), limit)
	if err != nil {
		s.errorf(w, r, http.StatusUnprocessableEntity, "%v", err)
		return
	}
	s.writeJSON(w, http.StatusOK, listLocksResponse{Locks: nonNil(locks), NextCursor: next})
}

func nonNil(l []lock) []lock {
	if l == nil {
		return []lock{}
	}
	return l
}

// handleCreateLock: POST /locks {path, ref} -> 201 {lock}, or 409 with
// the existing lock.
func (s *Server) handleCreateLock(w http.ResponseWriter, r *http.Request) {
	if !s.authorize(w, r, WriteAccess) || !s.checkMediaType(w, r) {
		return
	}
	var req createLockRequest
	if !s.decodeJSON(w, r, 64<<10, &req) {
		return
	}
	if req.Path == "" || strings.ContainsRune(req.Path, 0) {
		s.errorf(w, r, http.StatusUnprocessableEntity, "invalid lock path %q: want a repository-relative file path", req.Path)
		return
	}
	rq := reqOf(r)
	s.locks.mu.Lock()
	defer s.locks.mu.Unlock()
	locks, err := s.locks.load(rq.repo)
	if err != nil {
		s.lockStoreError(w, r, err)
		return
	}
	i := sort.Search(len(locks), func(i int) bool { return locks[i].Path >= req.Path })
	if i < len(locks) && locks[i].Path == req.Path {
		l := locks[i]
		s.writeJSON(w, http.StatusConflict, lockResponse{Lock: &l, Message: fmt.Sprintf("%q is already locked by %q", l.Path, l.Owner.Name)})
		return
	}
	l := lock{ID: newLockID(), Path: req.Path, LockedAt: s.cfg.Now().UTC().Truncate(1e9), Owner: &lockOwner{Name: rq.user}}
	next := make([]lock, 0, len(locks)+1)
	next = append(append(append(next, locks[:i]...), l), locks[i:]...)
	if err := s.locks.save(rq.repo, next); err != nil {
		s.lockStoreError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusCreated, lockResponse{Lock: &l})
}

// handleVerifyLocks: POST /locks/verify -> {ours, theirs}. A push calls
// it before uploading; it needs write access.
func (s *Server) handleVerifyLocks(w http.ResponseWriter, r *http.Request) {
	if !s.authorize(w, r, WriteAccess) || !s.checkMediaType(w, r) {
		return
	}
	var req verifyLocksRequest
	if !s.decodeJSON(w, r, 64<<10, &req) {
		return
	}
	limit := req.Limit
	if limit <= 0 {
		limit = defaultLockLimit
	}
	all, err := s.locks.snapshot(reqOf(r).repo)
	if err != nil {
		s.lockStoreError(w, r, err)
		return
	}
	locks, next, err := page(all, req.Cursor, min(limit, maxLockLimit))
	if err != nil {
		s.errorf(w, r, http.StatusUnprocessableEntity, "%v", err)
		return
	}
	resp := verifyLocksResponse{Ours: []lock{}, Theirs: []lock{}, NextCursor: next}
	for _, l := range locks {
		if l.Owner != nil && l.Owner.Name == reqOf(r).user {
			resp.Ours = append(resp.Ours, l)
		} else {
			resp.Theirs = append(resp.Theirs, l)
		}
	}
	s.writeJSON(w, http.StatusOK, resp)
}

// handleUnlock: POST /locks/:id/unlock {force}. Releasing another user's
// lock needs force, and force needs admin access.
func (s *Server) handleUnlock(w http.ResponseWriter, r *http.Request) {
	if !s.authorize(w, r, WriteAccess) || !s.checkMediaType(w, r) {
		return
	}
	var req unlockRequest
	if !s.decodeJSON(w, r, 64<<10, &req) {
		return
	}
	rq := reqOf(r)
	id := strings.TrimSuffix(r.URL.Path, "/unlock")
	id = id[strings.LastIndexByte(id, '/')+1:]
	s.locks.mu.Lock()
	defer s.locks.mu.Unlock()
	locks, err := s.locks.load(rq.repo)
	if err != nil {
		s.lockStoreError(w, r, err)
		return
	}
	i := slicesIndex(locks, id)
	if i < 0 {
		s.errorf(w, r, http.StatusNotFound, "lock %q not found", id)
		return
	}
	l := locks[i]
	if l.Owner == nil || l.Owner.Name != rq.user {
		owner := ""
		if l.Owner != nil {
			owner = l.Owner.Name
		}
		if !req.Force {
			s.errorf(w, r, http.StatusForbidden, "lock on %q is owned by %q: unlock with --force (needs admin access)", l.Path, owner)
			return
		}
		if s.authz().AccessFor(rq.user, rq.repo) < AdminAccess {
			s.errorf(w, r, http.StatusForbidden, "user %q cannot force-release %q's lock on %q: that needs admin access", rq.user, owner, l.Path)
			return
		}
	}
	next := append(append(make([]lock, 0, len(locks)-1), locks[:i]...), locks[i+1:]...)
	if err := s.locks.save(rq.repo, next); err != nil {
		s.lockStoreError(w, r, err)
		return
	}
	s.writeJSON(w, http.StatusOK, lockResponse{Lock: &l})
}

func slicesIndex(locks []lock, id string) int {
	for i, l := range locks {
		if l.ID == id {
			return i
		}
	}
	return -1
}
