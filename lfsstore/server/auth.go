package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gopkg.in/yaml.v3"
)

// Access is a level of rights on a repository. Each level includes the
// ones below it.
type Access int

const (
	NoAccess    Access = iota
	ReadAccess         // download objects, list locks
	WriteAccess        // upload objects, create and release own locks
	AdminAccess        // force-release other users' locks
)

func (a Access) String() string {
	switch a {
	case ReadAccess:
		return "read"
	case WriteAccess:
		return "write"
	case AdminAccess:
		return "admin"
	}
	return "none"
}

func parseAccess(s string) (Access, error) {
	switch s {
	case "none":
		return NoAccess, nil
	case "read":
		return ReadAccess, nil
	case "write":
		return WriteAccess, nil
	case "admin":
		return AdminAccess, nil
	}
	return NoAccess, fmt.Errorf("unknown access level %q: want one of none, read, write, admin", s)
}

// AuthFile is the YAML users file (--auth-file). Example:
//
//	anonymous_read: ["public/*"]
//	users:
//	  - name: alice
//	    password: $2a$10$...          # bcrypt hash
//	    tokens: [$2a$10$...]          # optional: more bcrypt hashes, e.g. CI tokens
//	    access:
//	      "*": read
//	      "ml/*": write
//	      "ml/models": admin
type AuthFile struct {
	AnonymousRead []string   `yaml:"anonymous_read"`
	Users         []AuthUser `yaml:"users"`
}

// AuthUser is one user of the auth file.
type AuthUser struct {
	Name     string            `yaml:"name"`
	Password string            `yaml:"password"`
	Tokens   []string          `yaml:"tokens"`
	Access   map[string]string `yaml:"access"`
}

// Auth decides who a request is and what it may do. Repository patterns
// are "*" (every repository), "<namespace>/*", "<namespace>/<repo>" and
// "/" (the repository served at the plain root). The most specific
// matching pattern wins, so "ml/secret: none" can carve out an exception
// from "ml/*: write".
type Auth struct {
	users     map[string]*user
	anonymous []string // patterns readable without credentials

	mu    sync.Mutex
	cache map[[32]byte]time.Time // verified credentials -> expiry
}

type user struct {
	name   string
	hashes [][]byte // bcrypt
	plain  []byte   // bootstrap user from the environment
	access map[string]Access
}

// bcryptSlots bounds concurrent bcrypt checks, so a flood of bad
// credentials queues up instead of starving transfers of CPU.
var bcryptSlots = make(chan struct{}, max(1, runtime.GOMAXPROCS(0)/2))

func bcryptCompare(hash []byte, password string) bool {
	bcryptSlots <- struct{}{}
	defer func() { <-bcryptSlots }()
	return bcrypt.CompareHashAndPassword(hash, []byte(password)) == nil
}

// dummyHash keeps unknown-user checks as slow as known-user ones: it has
// bcrypt's default cost, which is what --hash-password writes. It is made
// on first use, not at start-up (every git-repro command would pay for it).
var dummyHash = sync.OnceValue(func() []byte {
	h, _ := bcrypt.GenerateFromPassword([]byte("dummy password"), bcrypt.DefaultCost)
	return h
})

// LoadAuthFile reads and validates a users file.
func LoadAuthFile(path string) (*Auth, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read auth file: %w", err)
	}
	return ParseAuth(b)
}

// ParseAuth parses the content of a users file.
func ParseAuth(b []byte) (*Auth, error) {
	var f AuthFile
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("parse auth file: %w", err)
	}
	a := NewAuth()
	for _, p := range f.AnonymousRead {
		if err := checkPattern(p); err != nil {
			return nil, fmt.Errorf("anonymous_read: %w", err)
		}
		a.anonymous = append(a.anonymous, p)
	}
	for i, fu := range f.Users {
		if fu.Name == "" || strings.ContainsAny(fu.Name, ": \t\n") {
			return nil, fmt.Errorf("users[%d]: invalid name %q: want a non-empty name without ':' or spaces", i, fu.Name)
		}
		if _, dup := a.users[fu.Name]; dup {
			return nil, fmt.Errorf("users[%d]: duplicate user %q", i, fu.Name)
		}
		u := &user{name: fu.Name, access: map[string]Access{}}
		for _, h := range append([]string{fu.Password}, fu.Tokens...) {
			if h == "" {
				continue
			}
			if _, err := bcrypt.Cost([]byte(h)); err != nil {
				return nil, fmt.Errorf("user %q: password and tokens must be bcrypt hashes (\"$2a$...\"; make one with \"git repro lfs serve --hash-password\"): %v", fu.Name, err)
			}
			u.hashes = append(u.hashes, []byte(h))
		}
		if len(u.hashes) == 0 {
			return nil, fmt.Errorf("user %q: no password or tokens: add a bcrypt hash as \"password\"", fu.Name)
		}
		for p, lvl := range fu.Access {
			if err := checkPattern(p); err != nil {
				return nil, fmt.Errorf("user %q: %w", fu.Name, err)
			}
			acc, err := parseAccess(lvl)
			if err != nil {
				return nil, fmt.Errorf("user %q, pattern %q: %w", fu.Name, p, err)
			}
			u.access[p] = acc
		}
		a.users[u.name] = u
	}
	return a, nil
}

// NewAuth returns an Auth with no users and no anonymous access.
func NewAuth() *Auth {
	return &Auth{users: map[string]*user{}, cache: map[[32]byte]time.Time{}}
}

// AddBootstrapAdmin adds a user with admin rights on every repository and
// a plaintext password, as given by GIT_REPRO_LFS_USER and
// GIT_REPRO_LFS_PASSWORD.
func (a *Auth) AddBootstrapAdmin(name, password string) error {
	if name == "" || password == "" || strings.ContainsAny(name, ": \t\n") {
		return fmt.Errorf("bootstrap admin: need a user name without ':' or spaces and a non-empty password")
	}
	if _, dup := a.users[name]; dup {
		return fmt.Errorf("bootstrap admin %q is also defined in the auth file: remove one", name)
	}
	a.users[name] = &user{name: name, plain: []byte(password), access: map[string]Access{"*": AdminAccess}}
	return nil
}

// Empty reports whether nobody at all can use the server.
func (a *Auth) Empty() bool { return len(a.users) == 0 && len(a.anonymous) == 0 }

func checkPattern(p string) error {
	if p == "*" || p == "/" {
		return nil
	}
	ns, repo, ok := strings.Cut(p, "/")
	if ok && validName(ns) && (repo == "*" || validName(repo)) {
		return nil
	}
	return fmt.Errorf("invalid repository pattern %q: want \"*\", \"/\", \"<namespace>/*\" or \"<namespace>/<repo>\"", p)
}

// Authenticate checks a user name and password (or token). Verified
// credentials are remembered for five minutes (keyed by their SHA-256) so
// that bcrypt runs once per client session, not once per request.
func (a *Auth) Authenticate(name, password string) bool {
	key := sha256.Sum256([]byte(name + "\x00" + password))
	now := time.Now()
	a.mu.Lock()
	exp, ok := a.cache[key]
	a.mu.Unlock()
	if ok && now.Before(exp) {
		return true
	}
	u := a.users[name]
	good := false
	switch {
	case u == nil:
		bcryptCompare(dummyHash(), password)
	case u.plain != nil:
		ph, pp := sha256.Sum256(u.plain), sha256.Sum256([]byte(password))
		good = subtle.ConstantTimeCompare(ph[:], pp[:]) == 1
	default:
		for _, h := range u.hashes {
			if bcryptCompare(h, password) {
				good = true
				break
			}
		}
	}
	if good {
		a.mu.Lock()
		if len(a.cache) > 10000 {
			clear(a.cache)
		}
		a.cache[key] = now.Add(5 * time.Minute)
		a.mu.Unlock()
	}
	return good
}

// AccessFor returns what name ("" for anonymous) may do on repo ("" for
// the plain-root repository, else "<namespace>/<repo>").
func (a *Auth) AccessFor(name, repo string) Access {
	if name == "" {
		if matchBest(a.anonymous, repo) != "" {
			return ReadAccess
		}
		return NoAccess
	}
	u := a.users[name]
	if u == nil {
		return NoAccess
	}
	pats := make([]string, 0, len(u.access))
	for p := range u.access {
		pats = append(pats, p)
	}
	best := matchBest(pats, repo)
	if best == "" {
		return NoAccess
	}
	return u.access[best]
}

// matchBest returns the most specific pattern matching repo, or "".
func matchBest(pats []string, repo string) string {
	best, score := "", 0
	sort.Strings(pats)
	for _, p := range pats {
		s := 0
		switch {
		case p == "*":
			s = 1
		case p == "/" && repo == "":
			s = 3
		case repo != "" && p == repo:
			s = 3
		case repo != "" && strings.HasSuffix(p, "/*") && strings.HasPrefix(repo, p[:len(p)-1]):
			s = 2
		}
		if s > score {
			best, score = p, s
		}
	}
	return best
}

// HashPassword returns a bcrypt hash for the users file.
func HashPassword(password string) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	return string(h), err
}
