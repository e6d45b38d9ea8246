package actiontest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Comment is a stored issue comment.
type Comment struct {
	ID      int64
	Body    string
	Login   string
	Created time.Time
}

// Fault is a canned response served instead of the real one.
type Fault struct {
	Status  int
	Header  map[string]string
	Message string
	DocURL  string
}

// Request is one request the server saw.
type Request struct {
	Method, Path, Query string
	Auth                string // the Authorization header
}

// Server is the fake API. Lock-free fields are set before use.
type Server struct {
	*httptest.Server
	T testing.TB
	// Login is who the token belongs to ("github-actions[bot]").
	Login string
	// UserForbidden makes GET /user answer 403 "Resource not accessible
	// by integration", as it does for a GITHUB_TOKEN.
	UserForbidden bool
	// ReadOnly makes comment writes answer 403 "Resource not accessible
	// by integration" (a fork's pull request).
	ReadOnly bool
	// Owner/Repo/Number is the only pull request that exists; PRHead is
	// its head commit (GET /repos/{owner}/{repo}/pulls/{number}).
	Owner, Repo string
	Number      int
	PRHead      string

	mu       sync.Mutex
	comments []*Comment
	nextID   int64
	faults   map[string][]Fault // "METHOD kind" -> queue
	reqs     []Request
	rate     int
}

// New starts a fake API for owner/repo#number; it is closed at the end of
// the test.
func New(t testing.TB, owner, repo string, number int) *Server {
	s := &Server{T: t, Login: "github-actions[bot]", Owner: owner, Repo: repo, Number: number, nextID: 1000, faults: map[string][]Fault{}, rate: 5000}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /user", s.user)
	mux.HandleFunc("GET /repos/{owner}/{repo}/pulls/{number}", s.pull)
	mux.HandleFunc("GET /repos/{owner}/{repo}/issues/{number}/comments", s.list)
	mux.HandleFunc("POST /repos/{owner}/{repo}/issues/{number}/comments", s.create)
	mux.HandleFunc("PATCH /repos/{owner}/{repo}/issues/comments/{id}", s.edit)
	mux.HandleFunc("DELETE /repos/{owner}/{repo}/issues/comments/{id}", s.del)
	s.Server = httptest.NewServer(s.wrap(mux))
	t.Cleanup(s.Close)
	return s
}

// APIURL is the base URL to give the client (as GITHUB_API_URL).
func (s *Server) APIURL() string { return s.URL + "/" }

// Kinds of endpoints for Fail.
const (
	KindUser   = "GET user"
	KindPull   = "GET pull"
	KindList   = "GET list"
	KindCreate = "POST create"
	KindEdit   = "PATCH edit"
	KindDelete = "DELETE delete"
)

// Fail queues faults for an endpoint kind: each request of that kind gets
// the next one until the queue is empty.
func (s *Server) Fail(kind string, faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults[kind] = append(s.faults[kind], faults...)
}

// Add stores a comment as if someone had posted it.
func (s *Server) Add(login, body string) *Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addLocked(login, body)
}

func (s *Server) addLocked(login, body string) *Comment {
	s.nextID++
	c := &Comment{ID: s.nextID, Body: body, Login: login, Created: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(s.nextID) * time.Minute)}
	s.comments = append(s.comments, c)
	return c
}

// Comments returns a copy of the stored comments, oldest first.
func (s *Server) Comments() []Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Comment, len(s.comments))
	for i, c := range s.comments {
		out[i] = *c
	}
	return out
}

// Requests returns the requests seen so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.reqs...)
}

// Writes counts POST, PATCH and DELETE requests (faulted ones included).
func (s *Server) Writes() int {
	n := 0
	for _, r := range s.Requests() {
		if r.Method != http.MethodGet {
			n++
		}
	}
	return n
}

// Reset forgets the request log.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reqs = nil
}

func (s *Server) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.reqs = append(s.reqs, Request{Method: r.Method, Path: r.URL.Path, Query: r.URL.RawQuery, Auth: r.Header.Get("Authorization")})
		s.rate--
		rate := s.rate
		s.mu.Unlock()
		hd := w.Header()
		hd.Set("Content-Type", "application/json; charset=utf-8")
		hd.Set("X-GitHub-Media-Type", "github.v3; format=json")
		hd.Set("X-RateLimit-Limit", "5000")
		hd.Set("X-RateLimit-Remaining", strconv.Itoa(rate))
		hd.Set("X-RateLimit-Used", strconv.Itoa(5000-rate))
		hd.Set("X-RateLimit-Reset", strconv.FormatInt(time.Now().Add(time.Hour).Unix(), 10))
		hd.Set("X-RateLimit-Resource", "core")
		if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
			s.errorJSON(w, http.StatusUnauthorized, "Requires authentication", "https://docs.github.com/rest")
			return
		}
		if f, ok := s.fault(r); ok {
			for k, v := range f.Header {
				hd.Set(k, v)
			}
			s.errorJSON(w, f.Status, f.Message, f.DocURL)
			return
		}
		h.ServeHTTP(w, r)
	})
}

func kindOf(r *http.Request) string {
	switch {
	case r.URL.Path == "/user":
		return KindUser
	case r.Method == http.MethodGet && strings.Contains(r.URL.Path, "/pulls/"):
		return KindPull
	case r.Method == http.MethodGet:
		return KindList
	case r.Method == http.MethodPost:
		return KindCreate
	case r.Method == http.MethodPatch:
		return KindEdit
	case r.Method == http.MethodDelete:
		return KindDelete
	}
	return ""
}

func (s *Server) fault(r *http.Request) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k := kindOf(r)
	if q := s.faults[k]; len(q) > 0 {
		s.faults[k] = q[1:]
		return q[0], true
	}
	if s.ReadOnly && r.Method != http.MethodGet {
		return Fault{Status: http.StatusForbidden, Message: "Resource not accessible by integration",
			DocURL: "https://docs.github.com/rest/issues/comments#create-an-issue-comment"}, true
	}
	if s.UserForbidden && k == KindUser {
		return Fault{Status: http.StatusForbidden, Message: "Resource not accessible by integration",
			DocURL: "https://docs.github.com/rest/users/users#get-the-authenticated-user"}, true
	}
	return Fault{}, false
}

func (s *Server) errorJSON(w http.ResponseWriter, status int, msg, doc string) {
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"message": msg, "documentation_url": doc, "status": strconv.Itoa(status)})
}

func (s *Server) user(w http.ResponseWriter, r *http.Request) {
	_ = json.NewEncoder(w).Encode(s.userJSON(s.Login))
}

func (s *Server) userJSON(login string) map[string]any {
	typ := "User"
	if strings.HasSuffix(login, "[bot]") {
		typ = "Bot"
	}
	return map[string]any{
		"login": login, "id": 41898282, "node_id": "MDM6Qm90NDE4OTgyODI=",
		"avatar_url": "https://avatars.githubusercontent.com/in/15368?v=4",
		"url":        s.URL + "/users/" + url.PathEscape(login), "html_url": "https://github.com/apps/github-actions",
		"type": typ, "site_admin": false,
	}
}

func (s *Server) commentJSON(c *Comment) map[string]any {
	return map[string]any{
		"id":                 c.ID,
		"node_id":            "IC_kwDO" + strconv.FormatInt(c.ID, 36),
		"url":                fmt.Sprintf("%s/repos/%s/%s/issues/comments/%d", s.URL, s.Owner, s.Repo, c.ID),
		"html_url":           fmt.Sprintf("https://github.com/%s/%s/pull/%d#issuecomment-%d", s.Owner, s.Repo, s.Number, c.ID),
		"issue_url":          fmt.Sprintf("%s/repos/%s/%s/issues/%d", s.URL, s.Owner, s.Repo, s.Number),
		"body":               c.Body,
		"user":               s.userJSON(c.Login),
		"created_at":         c.Created.Format(time.RFC3339),
		"updated_at":         c.Created.Format(time.RFC3339),
		"author_association": "NONE",
	}
}

func (s *Server) checkPR(w http.ResponseWriter, r *http.Request) bool {
	if r.PathValue("owner") != s.Owner || r.PathValue("repo") != s.Repo {
		s.errorJSON(w, http.StatusNotFound, "Not Found", "https://docs.github.com/rest")
		return false
	}
	if n := r.PathValue("number"); n != "" && n != strconv.Itoa(s.Number) {
		s.errorJSON(w, http.StatusNotFound, "Not Found", "https://docs.github.com/rest/issues/comments#list-issue-comments")
		return false
	}
	return true
}

// list serves one page, with GitHub's Link header (per_page default 30,
// at most 100).
func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	if !s.checkPR(w, r) {
		return
	}
	q := r.URL.Query()
	per, _ := strconv.Atoi(q.Get("per_page"))
	if per <= 0 {
		per = 30
	}
	if per > 100 {
		per = 100
	}
	page, _ := strconv.Atoi(q.Get("page"))
	if page <= 0 {
		page = 1
	}
	s.mu.Lock()
	all := append([]*Comment(nil), s.comments...)
	s.mu.Unlock()
	sort.SliceStable(all, func(i, j int) bool { return all[i].ID < all[j].ID })
	last := (len(all) + per - 1) / per
	if last == 0 {
		last = 1
	}
	lo, hi := (page-1)*per, page*per
	if lo > len(all) {
		lo = len(all)
	}
	if hi > len(all) {
		hi = len(all)
	}
	link := func(p int) string {
		u := *r.URL
		u.Scheme, u.Host = "http", r.Host
		v := u.Query()
		v.Set("page", strconv.Itoa(p))
		v.Set("per_page", strconv.Itoa(per))
		u.RawQuery = v.Encode()
		return u.String()
	}
	var links []string
	if page < last {
		links = append(links, fmt.Sprintf("<%s>; rel=\"next\"", link(page+1)), fmt.Sprintf("<%s>; rel=\"last\"", link(last)))
	}
	if page > 1 {
		links = append(links, fmt.Sprintf("<%s>; rel=\"prev\"", link(page-1)), fmt.Sprintf("<%s>; rel=\"first\"", link(1)))
	}
	if len(links) > 0 {
		w.Header().Set("Link", strings.Join(links, ", "))
	}
	out := []map[string]any{}
	for _, c := range all[lo:hi] {
		out = append(out, s.commentJSON(c))
	}
	_ = json.NewEncoder(w).Encode(out)
}

func (s *Server) readBody(w http.ResponseWriter, r *http.Request) (string, bool) {
	var in struct {
		Body *string `json:"body"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Body == nil {
		s.errorJSON(w, http.StatusUnprocessableEntity, "Invalid request.\n\n\"body\" wasn't supplied.", "https://docs.github.com/rest/issues/comments")
		return "", false
	}
	if n := len([]rune(*in.Body)); n > 65536 {
		s.errorJSON(w, http.StatusUnprocessableEntity, "Validation Failed: body is too long (maximum is 65536 characters)", "https://docs.github.com/rest/issues/comments")
		return "", false
	}
	return *in.Body, true
}

func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	if !s.checkPR(w, r) {
		return
	}
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	c := s.addLocked(s.Login, body)
	s.mu.Unlock()
	w.Header().Set("Location", fmt.Sprintf("%s/repos/%s/%s/issues/comments/%d", s.URL, s.Owner, s.Repo, c.ID))
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(s.commentJSON(c))
}

func (s *Server) find(w http.ResponseWriter, r *http.Request) (*Comment, int) {
	if !s.checkPR(w, r) {
		return nil, -1
	}
	id, _ := strconv.ParseInt(r.PathValue("id"), 10, 64)
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, c := range s.comments {
		if c.ID == id {
			return c, i
		}
	}
	s.errorJSON(w, http.StatusNotFound, "Not Found", "https://docs.github.com/rest/issues/comments")
	return nil, -1
}

func (s *Server) edit(w http.ResponseWriter, r *http.Request) {
	c, _ := s.find(w, r)
	if c == nil {
		return
	}
	if c.Login != s.Login {
		s.errorJSON(w, http.StatusForbidden, "Resource not accessible by integration", "https://docs.github.com/rest/issues/comments#update-an-issue-comment")
		return
	}
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	c.Body = body
	s.mu.Unlock()
	_ = json.NewEncoder(w).Encode(s.commentJSON(c))
}

func (s *Server) del(w http.ResponseWriter, r *http.Request) {
	c, _ := s.find(w, r)
	if c == nil {
		return
	}
	s.mu.Lock()
	for i, x := range s.comments {
		if x.ID == c.ID {
			s.comments = append(s.comments[:i], s.comments[i+1:]...)
			break
		}
	}
	s.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) pull(w http.ResponseWriter, r *http.Request) {
	if !s.checkPR(w, r) {
		return
	}
	full := s.Owner + "/" + s.Repo
	_ = json.NewEncoder(w).Encode(map[string]any{
		"url":      fmt.Sprintf("%s/repos/%s/pulls/%d", s.URL, full, s.Number),
		"id":       2151111111,
		"number":   s.Number,
		"state":    "open",
		"html_url": fmt.Sprintf("https://github.com/%s/pull/%d", full, s.Number),
		"head":     map[string]any{"ref": "patch-1", "sha": s.PRHead, "label": "mallory:patch-1"},
		"base":     map[string]any{"ref": "main", "label": s.Owner + ":main"},
		"user":     s.userJSON("octocat"),
	})
}
