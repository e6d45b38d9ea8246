package gitx

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/git-repro/git-repro/snapshot"
)

// Symlinks in a snapshot. git stores a symlink as a blob holding its
// target; a checkout makes it a symlink on disk. Either way a snapshot
// never follows one out of the repository: a committed
// "Dockerfile -> /etc/shadow" must not print /etc/shadow, and
// "nb.ipynb -> /dev/zero" must not eat memory. A symlink whose target, read
// relative to the link's directory, stays inside the snapshot stands for
// that target (its content is the target's, read from the same snapshot,
// so "Dockerfile -> docker/Dockerfile.gpu" is checked as the Dockerfile it
// is in every mode); any other symlink is skipped: Stat and ReadFile fail
// with a *LinkError, and listings leave it out. The rules are the same for
// the index, a commit, the worktree and a plain directory.

// kind is what a name in a snapshot is, before any symlink is followed.
type kind uint8

const (
	kindFile    kind = iota + 1 // a regular file (or an executable one)
	kindSymlink                 // a symlink; git stores its target as a blob
	kindDir                     // a directory
	kindOther                   // a submodule, device, FIFO or socket: never read
)

// entry describes one name of a snapshot, not followed.
type entry struct {
	kind kind
	mode fs.FileMode // as snapshot.FileInfo reports it
	hash string      // git sources: the object name
	size int64       // -1: ask the source
}

// LinkError says why a symlink in a snapshot is not followed. It wraps
// fs.ErrNotExist: inside the snapshot, its target does not exist.
type LinkError struct {
	Path   string // the path asked for
	Link   string // the symlink met on the way
	Target string // the link's stored target
	Reason string
}

func (e *LinkError) Error() string {
	s := fmt.Sprintf("%s: symlink %s -> %q %s", e.Path, e.Link, e.Target, e.Reason)
	if e.Path == e.Link {
		s = fmt.Sprintf("%s: symlink to %q %s", e.Path, e.Target, e.Reason)
	}
	return s + "; it is skipped"
}

func (e *LinkError) Unwrap() error { return fs.ErrNotExist }

// resolved is what a path of a snapshot leads to.
type resolved struct {
	path   string // the regular file reached, all symlinks followed
	target entry  // that file
	self   entry  // the path's own last component: target, or a symlink
}

// resolve follows p's symlinks inside the snapshot, component by
// component, as the kernel would under a root: a ".." at the top, an
// absolute target, a chain longer than snapshot.MaxSymlinkHops and any
// ".git" component fail. It reaches a regular file or fails.
func (s *Snapshot) resolve(p string) (resolved, error) {
	var res resolved
	if p == "" {
		return res, notExist("stat", p)
	}
	if e, ok := s.direct(p); ok {
		return resolved{path: p, target: e, self: e}, nil
	}
	rest := strings.Split(p, "/")
	orig := len(rest) // p's own components still in rest (always its tail)
	done := ""        // resolved so far: a directory, free of symlinks
	hops := 0
	link, target := "", "" // the last symlink followed, for errors
	fail := func(reason string) (resolved, error) {
		if link == "" {
			return resolved{}, notExist("stat", p)
		}
		return resolved{}, &LinkError{Path: p, Link: link, Target: target, Reason: reason}
	}
	for len(rest) > 0 {
		c := rest[0]
		own := len(rest) == orig // one of p's components, not a link's
		rest = rest[1:]
		if own {
			orig--
		}
		switch {
		case c == "" || c == ".":
			continue
		case c == "..":
			if done == "" {
				return fail("leaves the repository")
			}
			done = parentDir(done)
			continue
		case strings.EqualFold(c, ".git"):
			return fail("points into .git")
		}
		next := c
		if done != "" {
			next = done + "/" + c
		}
		e, err := s.lookup(next)
		if errors.Is(err, fs.ErrNotExist) {
			return fail("points to a path that does not exist")
		}
		if err != nil {
			return resolved{}, err
		}
		last := len(rest) == 0
		if own && orig == 0 {
			res.self = e // p's last component itself
		}
		switch e.kind {
		case kindDir:
			if last {
				return fail("points to a directory")
			}
			done = next
		case kindFile:
			if !last {
				return fail("points to a path that does not exist")
			}
			res.path, res.target = next, e
			return res, nil
		case kindSymlink:
			if hops++; hops > snapshot.MaxSymlinkHops {
				return fail(fmt.Sprintf("starts a chain of more than %d symlinks", snapshot.MaxSymlinkHops))
			}
			t, err := s.src.readlink(next, e)
			if err != nil {
				return resolved{}, err
			}
			link, target = next, t
			if t == "" || strings.HasPrefix(t, "/") || strings.Contains(t, "\x00") {
				return fail("is absolute (outside the repository)")
			}
			rest = append(strings.Split(t, "/"), rest...)
		default:
			if !last {
				return fail("points to a path that does not exist")
			}
			if link == "" {
				return resolved{}, &fs.PathError{Op: "stat", Path: p, Err: snapshot.ErrNotRegular}
			}
			return resolved{}, fmt.Errorf("%s: symlink %s -> %q: %w", p, link, target, snapshot.ErrNotRegular)
		}
	}
	return fail("points to a directory")
}

// direct is resolve's fast path, for the common case of a clean path to a
// regular file: git sources find such a file only through real
// directories (a tree's entry, an index entry, which cannot sit under a
// symlink), and on disk it is enough that its directory was resolved
// before.
func (s *Snapshot) direct(p string) (entry, bool) {
	if path.Clean(p) != p || p == ".." || strings.HasPrefix(p, "../") || hasGitDir(p) {
		return entry{}, false
	}
	if _, disk := s.src.(diskSource); disk {
		if dir := parentDir(p); dir != "" {
			s.dirMu.Lock()
			_, known := s.dirs[dir]
			s.dirMu.Unlock()
			if !known {
				return entry{}, false
			}
		}
	}
	e, err := s.src.lookup(p)
	return e, err == nil && e.kind == kindFile
}

// hasGitDir reports whether a component of p is .git (in any case).
func hasGitDir(p string) bool {
	for p != "" {
		c, rest, _ := strings.Cut(p, "/")
		if strings.EqualFold(c, ".git") {
			return true
		}
		p = rest
	}
	return false
}

// lookup asks the source about one symlink-free path; directories of disk
// sources are remembered, as most paths share them.
func (s *Snapshot) lookup(p string) (entry, error) {
	if _, disk := s.src.(diskSource); !disk {
		return s.src.lookup(p)
	}
	s.dirMu.Lock()
	e, ok := s.dirs[p]
	s.dirMu.Unlock()
	if ok {
		return e, nil
	}
	e, err := s.src.lookup(p)
	if err == nil && e.kind == kindDir {
		s.dirMu.Lock()
		s.dirs[p] = e
		s.dirMu.Unlock()
	}
	return e, err
}

func parentDir(p string) string {
	d := path.Dir(p)
	if d == "." {
		return ""
	}
	return d
}
