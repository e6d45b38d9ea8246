package pipreq

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/git-repro/git-repro/internal/lazyre"
)

// ReadFunc reads a file of the snapshot by its slash-separated path
// relative to the repository root. A missing file is an error satisfying
// errors.Is(err, fs.ErrNotExist).
type ReadFunc func(path string) ([]byte, error)

// Loader parses requirements files and follows their includes. It caches
// every file it parses, so one Loader can load many roots cheaply. It is
// not safe for concurrent use.
type Loader struct {
	Read    ReadFunc
	Options Options
	files   map[string]*loaded
}

type loaded struct {
	file *File
	err  error
}

// EdgeProblem says why an include could not be followed.
type EdgeProblem int

// Include problems.
const (
	EdgeOK      EdgeProblem = iota
	EdgeMissing             // the file does not exist
	EdgeOutside             // the path leaves the repository (or is absolute)
	EdgeRemote              // a URL: its content is outside the repository
	EdgeUnreadable
	EdgeCycle // the include closes a cycle
)

// Edge is one followed (or unfollowable) include.
type Edge struct {
	From string // including file
	Include
	// Resolved is the included file's path relative to the repository root
	// (or the URL of a remote include).
	Resolved string
	Problem  EdgeProblem
	Err      error // the read error of EdgeUnreadable
	// Chain, for EdgeCycle, is the include path that loops:
	// [Resolved, ..., From, Resolved].
	Chain []string
}

// Set is a root requirements file with everything it includes.
type Set struct {
	Root string
	// Files lists every file reached, root first, in depth-first order.
	Files []*File
	// Constraint[path] is true when the file was reached (also) through
	// -c; Requirement[path] when reached as a requirements file (the root
	// counts as one unless loaded as a constraints file).
	Constraint  map[string]bool
	Requirement map[string]bool
	// Edges are every include, in visit order.
	Edges []Edge
}

// HashMode reports whether pip runs the set in hash-checking mode:
// --require-hashes on any line of any file, or a --hash on any
// requirement of a requirements file. The second value names the reason.
func (s *Set) HashMode() (bool, string) {
	for _, f := range s.Files {
		if f.RequireHashes {
			return true, fmt.Sprintf("--require-hashes in %q", f.Path)
		}
	}
	for _, f := range s.Files {
		if !s.Requirement[f.Path] {
			continue
		}
		for _, l := range f.Lines {
			if l.Req != nil && len(l.Req.Hashes) > 0 {
				return true, fmt.Sprintf("--hash on line %d of %q", l.Line, f.Path)
			}
		}
	}
	return false, ""
}

// ConstraintPins returns the canonical names pinned by the set's
// constraints files; a requirement whose name is among them is pinned by
// the constraint.
func (s *Set) ConstraintPins() map[string]bool {
	pins := map[string]bool{}
	for _, f := range s.Files {
		if !s.Constraint[f.Path] {
			continue
		}
		for _, l := range f.Lines {
			if l.Req != nil && l.Req.Name != "" && l.Req.Pinned() {
				pins[l.Req.CanonicalName()] = true
			}
		}
	}
	return pins
}

// Pins returns the canonical names that some line of the set's files
// (requirements and constraints) pins: a package named beside the set on
// a pip command line ("pip install -r requirements.txt numpy") is pinned
// by it.
func (s *Set) Pins() map[string]bool {
	pins := map[string]bool{}
	for _, f := range s.Files {
		for _, l := range f.Lines {
			if l.Req != nil && l.Req.Name != "" && l.Req.Pinned() {
				pins[l.Req.CanonicalName()] = true
			}
		}
	}
	return pins
}

// Parse returns the parsed file at path, reading it at most once.
func (l *Loader) Parse(p string) (*File, error) {
	if l.files == nil {
		l.files = map[string]*loaded{}
	}
	if e, ok := l.files[p]; ok {
		return e.file, e.err
	}
	var e loaded
	if l.Read == nil {
		e.err = &fs.PathError{Op: "read", Path: p, Err: fs.ErrNotExist}
	} else if data, err := l.Read(p); err != nil {
		e.err = err
	} else {
		e.file = ParseFile(p, data, &l.Options)
	}
	l.files[p] = &e
	return e.file, e.err
}

// Load parses root and follows its -r/-c includes depth-first. A root
// that cannot be read gives a Set with no files and the error.
// asConstraint loads the root as a constraints file.
func (l *Loader) Load(root string, asConstraint bool) (*Set, error) {
	s := &Set{Root: root, Constraint: map[string]bool{}, Requirement: map[string]bool{}}
	f, err := l.Parse(root)
	if err != nil {
		return s, err
	}
	w := &walker{l: l, s: s, onStack: map[string]bool{}, seen: map[string]bool{}}
	w.visit(f, asConstraint)
	return s, nil
}

type walker struct {
	l       *Loader
	s       *Set
	stack   []string
	onStack map[string]bool
	seen    map[string]bool // path + role already visited
}

func (w *walker) visit(f *File, constraint bool) {
	key := f.Path
	if constraint {
		key += "\x00c"
	}
	if w.seen[key] {
		return
	}
	w.seen[key] = true
	if !w.s.Constraint[f.Path] && !w.s.Requirement[f.Path] {
		w.s.Files = append(w.s.Files, f)
	}
	if constraint {
		w.s.Constraint[f.Path] = true
	} else {
		w.s.Requirement[f.Path] = true
	}
	w.stack = append(w.stack, f.Path)
	w.onStack[f.Path] = true
	defer func() {
		w.stack = w.stack[:len(w.stack)-1]
		delete(w.onStack, f.Path)
	}()
	for _, inc := range f.Includes {
		e := Edge{From: f.Path, Include: inc}
		e.Resolved, e.Problem = Resolve(f.Path, inc.Target)
		if e.Problem == EdgeOK {
			if w.onStack[e.Resolved] {
				e.Problem = EdgeCycle
				for i, p := range w.stack {
					if p == e.Resolved {
						e.Chain = append(append([]string{}, w.stack[i:]...), e.Resolved)
						break
					}
				}
				w.s.Edges = append(w.s.Edges, e)
				continue
			}
			child, err := w.l.Parse(e.Resolved)
			if err != nil {
				e.Problem, e.Err = EdgeUnreadable, err
				if errors.Is(err, fs.ErrNotExist) {
					e.Problem = EdgeMissing
				}
				w.s.Edges = append(w.s.Edges, e)
				continue
			}
			w.s.Edges = append(w.s.Edges, e)
			// pip: -r inside a constraints file still reads a requirements
			// file; -c always reads constraints.
			w.visit(child, inc.Constraint)
			continue
		}
		w.s.Edges = append(w.s.Edges, e)
	}
}

var schemeRe = lazyre.New(`(?i)^(http|https|file|ftp):`)

// Resolve turns an include target into a repository path, as pip joins it
// with the including file's directory. URLs (including file: URLs, which
// are absolute) and paths leaving the repository cannot be followed.
func Resolve(from, target string) (string, EdgeProblem) {
	if schemeRe().MatchString(target) {
		if strings.HasPrefix(strings.ToLower(target), "file:") {
			return target, EdgeOutside
		}
		return target, EdgeRemote
	}
	if strings.HasPrefix(target, "/") {
		return target, EdgeOutside
	}
	p := path.Join(path.Dir(from), target)
	if p == ".." || strings.HasPrefix(p, "../") || p == "." {
		return p, EdgeOutside
	}
	return p, EdgeOK
}
