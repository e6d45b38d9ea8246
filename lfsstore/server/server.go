package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/git-repro/git-repro/internal/atomicfile"
	"github.com/git-repro/git-repro/lfsstore"
)

// Quota is the hook through which a per-repository quota is enforced at
// batch time, before any bytes move. Implementations must be safe for
// concurrent use.
type Quota interface {
	// Reserve is called for every upload batch with the objects that
	// repo is about to upload and that are not stored yet. It refuses the
	// whole batch with a non-nil error (507 Insufficient Storage, with
	// the error's text as the message), or reserves the objects' sizes
	// until until, when the batch's upload links expire, so that parallel
	// pushes cannot together pass a quota.
	Reserve(ctx context.Context, repo string, objects []lfsstore.Info, until time.Time) error
	// Stored is called after an object was uploaded to repo and stored:
	// its reservation becomes usage. An error is logged and answered 500
	// (the client retries the upload, which stores nothing twice).
	Stored(ctx context.Context, repo string, object lfsstore.Info) error
	// Release is called when an upload to repo was refused for its
	// content (wrong size or hash): its reservation goes. (An upload cut
	// off or failed by the store keeps it: the client retries with the
	// same link.)
	Release(ctx context.Context, repo string, object lfsstore.Info) error
}

// Config configures a Server.
type Config struct {
	// Store holds the objects. Required.
	Store lfsstore.Store
	// StateDir holds the locks (locks/) and the href signing key
	// (signing.key). Required.
	StateDir string
	// PublicURL is the base URL clients reach the server at; action
	// hrefs are built from it and its path is the routing base. When nil,
	// hrefs use the scheme and Host of each request and the base is "/".
	PublicURL *url.URL
	// Auth decides who may do what. Required (use NewAuth for nobody).
	Auth *Auth
	// Quota, when set, is consulted at batch time.
	Quota Quota
	// Logger receives one structured line per request. Default: discard.
	Logger *slog.Logger
	// HrefTTL is how long action hrefs stay valid. Default: one hour.
	HrefTTL time.Duration
	// Now returns the current time. Default: time.Now.
	Now func() time.Time
	// Limits bound slow and greedy clients; zero fields take
	// DefaultLimits.
	Limits Limits
}

// Server is an http.Handler serving the Git LFS APIs.
type Server struct {
	cfg   Config
	base  string // routing base path, without trailing slash
	key   []byte // HMAC key for action hrefs
	locks *lockStore
	log   *slog.Logger
	reqN  atomic.Uint64
	reqID string // per-process prefix of request ids
	auth  atomic.Pointer[Auth]
	gate  gate
}

// New returns a Server for cfg.
func New(cfg Config) (*Server, error) {
	if cfg.Store == nil || cfg.StateDir == "" || cfg.Auth == nil {
		return nil, errors.New("server: Store, StateDir and Auth are required")
	}
	base := ""
	if cfg.PublicURL != nil {
		base = strings.TrimSuffix(cfg.PublicURL.Path, "/")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.HrefTTL <= 0 {
		cfg.HrefTTL = time.Hour
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.Limits = cfg.Limits.withDefaults()
	if err := os.MkdirAll(cfg.StateDir, 0o755); err != nil {
		return nil, err
	}
	key, err := loadOrCreateKey(filepath.Join(cfg.StateDir, "signing.key"))
	if err != nil {
		return nil, err
	}
	var pfx [4]byte
	rand.Read(pfx[:])
	srv := &Server{
		cfg:   cfg,
		base:  base,
		key:   key,
		locks: newLockStore(filepath.Join(cfg.StateDir, "locks")),
		log:   cfg.Logger,
		reqID: hex.EncodeToString(pfx[:]),
		gate:  gate{l: cfg.Limits, client: map[string]int{}},
	}
	srv.auth.Store(cfg.Auth)
	return srv, nil
}

// SetAuth replaces the users and their access (after the users file
// changed); requests already authorised finish under the old rules.
func (s *Server) SetAuth(a *Auth) { s.auth.Store(a) }

func (s *Server) authz() *Auth { return s.auth.Load() }

// loadOrCreateKey keeps the signing key across restarts, so hrefs handed
// out before a restart stay valid until they expire.
func loadOrCreateKey(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err == nil && len(b) >= 32 {
		return b, nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read signing key: %w", err)
	}
	key := make([]byte, 32)
	rand.Read(key)
	if err := writeFileAtomic(path, key, 0o600); err != nil {
		return nil, fmt.Errorf("write signing key: %w", err)
	}
	return os.ReadFile(path) // another process may have won the race
}

// writeFileAtomic creates path's directory and replaces path with data
// atomically and durably.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data, perm)
}

// request is the per-request state the handlers share.
type request struct {
	id     string
	repo   string // "" for the plain root, else "<namespace>/<repo>"
	base   string // URL path of this repository's LFS endpoint
	user   string // authenticated user name; "" when anonymous
	status int
	bytes  int64
}

type ctxKey struct{}

func reqOf(r *http.Request) *request { return r.Context().Value(ctxKey{}).(*request) }

type statusWriter struct {
	http.ResponseWriter
	req *request
}

func (w *statusWriter) WriteHeader(code int) {
	if w.req.status == 0 {
		w.req.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.req.status == 0 {
		w.req.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.req.bytes += int64(n)
	return n, err
}

// ReadFrom keeps the sendfile fast path of the underlying writer.
func (w *statusWriter) ReadFrom(src io.Reader) (int64, error) {
	if w.req.status == 0 {
		w.req.status = http.StatusOK
	}
	n, err := io.Copy(w.ResponseWriter, src)
	w.req.bytes += n
	return n, err
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// ServeHTTP implements http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	req := &request{id: fmt.Sprintf("%s-%06d", s.reqID, s.reqN.Add(1))}
	w.Header().Set("X-Request-Id", req.id)
	// Progress deadlines: a body that stalls, or a client that stops
	// reading, loses its connection instead of holding it forever.
	rc := http.NewResponseController(w)
	wd := newProgressDeadline(rc.SetWriteDeadline, s.cfg.Limits)
	defer wd.end()
	if r.Body != nil && r.Body != http.NoBody {
		body := &deadlineBody{ReadCloser: r.Body, d: newProgressDeadline(rc.SetReadDeadline, s.cfg.Limits)}
		defer body.done()
		r.Body = body
	}
	sw := &statusWriter{ResponseWriter: &deadlineWriter{w, wd}, req: req}
	r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, req))
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic", "request_id", req.id, "panic", fmt.Sprint(p))
			if req.status == 0 {
				s.errorf(sw, r, http.StatusInternalServerError, "internal error")
			}
		}
		lvl := slog.LevelInfo
		if req.status >= 500 {
			lvl = slog.LevelError
		}
		// Never log the query (it carries signatures) or any header.
		s.log.Log(r.Context(), lvl, "request",
			"request_id", req.id, "method", r.Method, "path", r.URL.Path,
			"repo", req.repo, "user", req.user, "status", req.status,
			"bytes_out", req.bytes, "bytes_in", r.ContentLength,
			"duration_ms", time.Since(start).Milliseconds(), "remote", r.RemoteAddr)
	}()
	s.route(sw, r)
}

// route dispatches on the path below the base.
func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	req := reqOf(r)
	p := r.URL.Path
	if s.base != "" {
		if p != s.base && !strings.HasPrefix(p, s.base+"/") {
			s.errorf(w, r, http.StatusNotFound, "not found: %q is outside the server's base path %q", p, s.base)
			return
		}
		p = p[len(s.base):]
	}
	segs := strings.Split(strings.Trim(p, "/"), "/")
	if len(segs) == 1 && segs[0] == "healthz" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("ok\n"))
		return
	}
	req.base = s.base
	if len(segs) >= 4 && segs[2] == "info" && segs[3] == "lfs" {
		ns, repo := segs[0], strings.TrimSuffix(segs[1], ".git")
		if !validName(ns) || !validName(repo) {
			s.errorf(w, r, http.StatusNotFound, "invalid repository %q: names use letters, digits, '.', '_' and '-' and start with a letter or digit", segs[0]+"/"+segs[1])
			return
		}
		req.repo = ns + "/" + repo
		req.base = s.base + "/" + segs[0] + "/" + segs[1] + "/info/lfs"
		segs = segs[4:]
	}
	switch {
	case len(segs) == 2 && segs[0] == "objects" && segs[1] == "batch":
		s.methods(w, r, map[string]http.HandlerFunc{"POST": s.handleBatch})
	case len(segs) == 2 && segs[0] == "objects":
		s.methods(w, r, map[string]http.HandlerFunc{"GET": s.transfer(s.handleDownload), "HEAD": s.handleDownload, "PUT": s.transfer(s.handleUpload)})
	case len(segs) == 3 && segs[0] == "objects" && segs[2] == "verify":
		s.methods(w, r, map[string]http.HandlerFunc{"POST": s.handleVerify})
	case len(segs) == 1 && segs[0] == "locks":
		s.methods(w, r, map[string]http.HandlerFunc{"GET": s.handleListLocks, "POST": s.handleCreateLock})
	case len(segs) == 2 && segs[0] == "locks" && segs[1] == "verify":
		s.methods(w, r, map[string]http.HandlerFunc{"POST": s.handleVerifyLocks})
	case len(segs) == 3 && segs[0] == "locks" && segs[2] == "unlock":
		s.methods(w, r, map[string]http.HandlerFunc{"POST": s.handleUnlock})
	default:
		s.errorf(w, r, http.StatusNotFound, "not found: %q is not a Git LFS endpoint (want .../info/lfs/objects/batch or .../info/lfs/locks)", r.URL.Path)
	}
}

// transfer admits a transfer through the server's gate (Limits).
func (s *Server) transfer(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		leave, ok := s.gate.enter(w, r, s)
		if !ok {
			return
		}
		defer leave()
		h(w, r)
	}
}

func (s *Server) methods(w http.ResponseWriter, r *http.Request, m map[string]http.HandlerFunc) {
	if h, ok := m[r.Method]; ok {
		h(w, r)
		return
	}
	allow := make([]string, 0, len(m))
	for k := range m {
		allow = append(allow, k)
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	s.errorf(w, r, http.StatusMethodNotAllowed, "method %s not allowed here", r.Method)
}

// validName accepts a namespace or repository name: letters, digits, '.',
// '_' and '-', starting with a letter or digit, at most 100 bytes.
func validName(s string) bool {
	if s == "" || len(s) > 100 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		alnum := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		if !alnum && (i == 0 || c != '.' && c != '_' && c != '-') {
			return false
		}
	}
	return true
}

// authorize establishes the user from Basic credentials and checks that
// they have at least need on the request's repository. On failure it
// writes 401 (no or bad credentials) or 403 and returns false.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request, need Access) bool {
	req := reqOf(r)
	name, pass, hasCreds := r.BasicAuth()
	if hasCreds {
		if !s.authz().Authenticate(name, pass) {
			s.unauthorized(w, r, "bad credentials for user %q", name)
			return false
		}
		req.user = name
	}
	have := s.authz().AccessFor(req.user, req.repo)
	if have >= need {
		return true
	}
	if req.user == "" {
		s.unauthorized(w, r, "credentials required")
		return false
	}
	s.errorf(w, r, http.StatusForbidden, "user %q has %s access to %s; this needs %s access", req.user, have, repoLabel(req.repo), need)
	return false
}

func repoLabel(repo string) string {
	if repo == "" {
		return "the root repository"
	}
	return fmt.Sprintf("repository %q", repo)
}

func (s *Server) unauthorized(w http.ResponseWriter, r *http.Request, format string, args ...any) {
	w.Header().Set("LFS-Authenticate", `Basic realm="git-repro LFS"`)
	w.Header().Set("WWW-Authenticate", `Basic realm="git-repro LFS"`)
	s.errorf(w, r, http.StatusUnauthorized, format, args...)
}

// errorf writes a whole-request error in the Git LFS error format.
func (s *Server) errorf(w http.ResponseWriter, r *http.Request, code int, format string, args ...any) {
	req := reqOf(r)
	s.writeJSON(w, code, errorBody{Message: fmt.Sprintf(format, args...), RequestID: req.id})
}

func (s *Server) writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		code, b = http.StatusInternalServerError, []byte(`{"message":"internal error: cannot encode reply"}`)
	}
	w.Header().Set("Content-Type", mediaType)
	w.Header().Set("Content-Length", fmt.Sprint(len(b)+1))
	w.WriteHeader(code)
	w.Write(append(b, '\n'))
}

// decodeJSON reads a small JSON request body (at most max bytes). On
// failure it writes the error reply and returns false.
func (s *Server) decodeJSON(w http.ResponseWriter, r *http.Request, max int64, v any) bool {
	body := http.MaxBytesReader(w, r.Body, max)
	dec := json.NewDecoder(body)
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.errorf(w, r, http.StatusRequestEntityTooLarge, "request body larger than %d bytes", max)
			return false
		}
		s.errorf(w, r, http.StatusUnprocessableEntity, "malformed JSON request: %v", err)
		return false
	}
	return true
}

// hrefBase is the absolute URL of the request's LFS endpoint.
func (s *Server) hrefBase(r *http.Request) string {
	var u url.URL
	if s.cfg.PublicURL != nil {
		u = *s.cfg.PublicURL
	} else {
		u.Scheme, u.Host = "http", r.Host
		if r.TLS != nil {
			u.Scheme = "https"
		}
	}
	u.Path = reqOf(r).base
	u.RawPath, u.RawQuery, u.Fragment, u.User = "", "", "", nil
	return strings.TrimSuffix(u.String(), "/")
}
