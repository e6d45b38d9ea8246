package checks

import (
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/git-repro/git-repro/snapshot"
)

// Pos locates a finding. Line and Col are 1-based; 0 means whole file.
type Pos struct {
	Path      string
	Line, Col int
}

// Diag is what a rule reports; the engine turns it into a Finding.
type Diag struct {
	Pos
	Message string
	// Hint overrides the rule's Remediation for this finding.
	Hint string
	// Key, when set, replaces the line content in the fingerprint. Use it
	// for whole-file findings whose message contains volatile numbers.
	Key string
}

// Pass carries what one rule needs for one run.
type Pass struct {
	Rule *Rule
	// Tree is the whole snapshot being checked (index, commit, worktree).
	Tree snapshot.Tree
	// Targets are the files this run checks: the staged files, the files
	// changed since a base, the paths given, or every file. Rules look at
	// these; repository-wide rules may consult Tree for context.
	Targets []snapshot.FileInfo
	// Full is true when every file of the snapshot is a target (--all),
	// so repository-level rules should run unconditionally.
	Full   bool
	Config *Config

	shared *shared
	diags  []Diag
}

// shared is the state every rule of one run sees: the parse cache and
// the files rules could not read for size.
type shared struct {
	mu    sync.Mutex
	memo  map[string]*memoEntry
	skips map[string]skip
}

type memoEntry struct {
	once sync.Once
	val  any
}

// Memo returns the value computed by fn for key, computing it once per
// run. Families use it so that each file is parsed once, whichever of
// their rules asks first. Keys should be "kind:path", e.g. "pipreq:a.txt".
func (p *Pass) Memo(key string, fn func() any) any {
	p.shared.mu.Lock()
	e := p.shared.memo[key]
	if e == nil {
		e = &memoEntry{}
		p.shared.memo[key] = e
	}
	p.shared.mu.Unlock()
	e.once.Do(func() { e.val = fn() })
	return e.val
}

// Report records a finding of this pass's rule.
func (p *Pass) Report(d Diag) { p.diags = append(p.diags, d) }

// Reportf records a finding whose hint is the rule's Remediation.
func (p *Pass) Reportf(pos Pos, format string, args ...any) {
	p.Report(Diag{Pos: pos, Message: fmt.Sprintf(format, args...)})
}

// ReportHintf records a finding with its own hint.
func (p *Pass) ReportHintf(pos Pos, hint, format string, args ...any) {
	p.Report(Diag{Pos: pos, Message: fmt.Sprintf(format, args...), Hint: hint})
}

// TargetsWhere returns the targets whose path satisfies match.
func (p *Pass) TargetsWhere(match func(path string) bool) []snapshot.FileInfo {
	var out []snapshot.FileInfo
	for _, f := range p.Targets {
		if match(f.Path) {
			out = append(out, f)
		}
	}
	return out
}

// IsTarget reports whether path is one of this run's targets.
func (p *Pass) IsTarget(path string) bool {
	for _, f := range p.Targets {
		if f.Path == path {
			return true
		}
	}
	return false
}

// BaseMatch reports whether the base name of p matches any of the glob
// patterns (path.Match syntax), case-insensitively.
func BaseMatch(p string, patterns ...string) bool {
	base := strings.ToLower(path.Base(p))
	for _, pat := range patterns {
		if ok, _ := path.Match(strings.ToLower(pat), base); ok {
			return true
		}
	}
	return false
}
