package dockerignore

import (
	"fmt"
	"strings"
	"sync"

	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// Pattern is one line of a .dockerignore, as Docker normalises it.
type Pattern struct {
	Line int
	// Text is the normalised pattern, with a leading "!" for exceptions.
	Text string
}

// Exception reports whether the pattern re-includes paths ("!pattern").
func (p Pattern) Exception() bool { return strings.HasPrefix(p.Text, "!") }

// Error is a pattern Docker would reject, with its line.
type Error struct {
	Line int
	Msg  string
}

func (e Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// File is a parsed .dockerignore.
type File struct {
	Patterns []Pattern
	// Errors lists rejected lines; the matcher uses the other patterns.
	Errors []Error

	mu  sync.Mutex // patternmatcher compiles lazily and is not concurrency-safe
	pm  *patternmatcher.PatternMatcher
	one []*patternmatcher.PatternMatcher // per pattern, built on demand
	// dirs caches each directory's per-pattern results, so a file is
	// matched against the patterns once rather than once per parent.
	dirs map[string]patternmatcher.MatchInfo
}

// Parse reads .dockerignore content. It never fails: bad patterns are
// listed in Errors and left out.
func Parse(src []byte) *File {
	f := &File{}
	lines := strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	var texts []string
	for i, line := range lines {
		if i == 0 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		pats, err := ignorefile.ReadAll(strings.NewReader(line))
		if err != nil || len(pats) != 1 {
			continue // a comment, or unreadable
		}
		if _, err := patternmatcher.New(pats); err != nil {
			f.Errors = append(f.Errors, Error{Line: i + 1, Msg: fmt.Sprintf("pattern %q: %v", strings.TrimSpace(line), err)})
			continue
		}
		f.Patterns = append(f.Patterns, Pattern{Line: i + 1, Text: pats[0]})
		texts = append(texts, pats[0])
	}
	pm, err := patternmatcher.New(texts)
	if err != nil { // cannot happen: each pattern was checked
		pm, _ = patternmatcher.New(nil)
	}
	f.pm = pm
	return f
}

// New returns a File for patterns given as text (one per element), as if
// they were the lines of a .dockerignore.
func New(patterns ...string) *File {
	return Parse([]byte(strings.Join(patterns, "\n")))
}

// Excluded reports whether Docker leaves path (slash-separated, relative
// to the build context) out of the context: the path or one of its
// parent directories matches, and no later exception re-includes it.
func (f *File) Excluded(path string) bool {
	if f == nil || path == "" || path == "." {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	ok, _, err := f.pm.MatchesUsingParentResults(path, f.dirInfo(parent(path)))
	return err == nil && ok
}

// dirInfo returns the per-pattern match results of directory dir ("" for
// the context root), computing its parents' first.
func (f *File) dirInfo(dir string) patternmatcher.MatchInfo {
	if dir == "" {
		return patternmatcher.MatchInfo{}
	}
	if mi, ok := f.dirs[dir]; ok {
		return mi
	}
	_, mi, err := f.pm.MatchesUsingParentResults(dir, f.dirInfo(parent(dir)))
	if err != nil {
		mi = patternmatcher.MatchInfo{}
	}
	if f.dirs == nil {
		f.dirs = map[string]patternmatcher.MatchInfo{}
	}
	f.dirs[dir] = mi
	return mi
}

func parent(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

// Exclusions reports whether the file has "!" exception patterns.
func (f *File) Exclusions() bool { return f != nil && f.pm.Exclusions() }

// ExcludedBy returns the last non-exception pattern that matches path or
// one of its parents, when path is excluded.
func (f *File) ExcludedBy(path string) (Pattern, bool) {
	if !f.Excluded(path) {
		return Pattern{}, false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.one == nil {
		f.one = make([]*patternmatcher.PatternMatcher, len(f.Patterns))
	}
	for i := len(f.Patterns) - 1; i >= 0; i-- {
		p := f.Patterns[i]
		if p.Exception() {
			continue
		}
		if f.one[i] == nil {
			f.one[i], _ = patternmatcher.New([]string{p.Text})
		}
		if f.one[i] == nil {
			continue
		}
		if ok, err := f.one[i].MatchesOrParentMatches(path); err == nil && ok {
			return p, true
		}
	}
	return Pattern{}, false
}
