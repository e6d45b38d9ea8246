package checks

import "github.com/moby/patternmatcher"

// Globs matches repository paths against Docker/gitignore-style globs
// ("**" allowed; a glob that matches a directory matches everything below
// it), the syntax of every path list in .repro.yaml: ignore:, a rule's
// ignore:, and the families' allow: and artifacts: settings. The zero
// value matches nothing.
type Globs struct {
	pm *patternmatcher.PatternMatcher
}

// NewGlobs compiles patterns; the error names a pattern it cannot read.
func NewGlobs(patterns []string) (Globs, error) {
	pm, err := patternmatcher.New(patterns)
	if err != nil {
		return Globs{}, err
	}
	return Globs{pm}, nil
}

// Match reports whether path or one of its parent directories matches.
func (g Globs) Match(path string) bool {
	if g.pm == nil || path == "" {
		return false
	}
	ok, err := g.pm.MatchesOrParentMatches(path)
	return err == nil && ok
}
