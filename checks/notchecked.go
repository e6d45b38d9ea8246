package checks

import (
	"errors"
	"fmt"
	"sort"

	"github.com/git-repro/git-repro/internal/bytesize"
	"github.com/git-repro/git-repro/snapshot"
)

// NotChecked is the one rule the engine reports itself: a target file
// that a family wanted to read but could not because it is larger than
// what that family reads (a 9 MB generated train.py, a 70 MB notebook).
// A silent skip would look like a clean file. Each finding takes the
// category of the family that skipped the file, so the rule's own
// Category is empty; EngineRules lists it for the catalogue and the
// configuration.
var NotChecked = &Rule{
	ID:       "REPRO-SKIP-001",
	Severity: Info,
	Title:    "file not checked: larger than the rules read",
	Doc: "Rules read each file with a size cap, so that a hostile or generated file cannot " +
		"exhaust memory: 8 MiB for Python sources and requirement files, " +
		fmt.Sprintf("%s for anything else. ", bytesize.Format(snapshot.MaxFileSize)) +
		"A target file over its family's cap is not checked, and this finding says so " +
		"instead of passing it as clean. The finding's category is the family that skipped it.",
	Remediation: "split or shrink the file (generated code and data do not belong in a source file), " +
		"or exclude it with ignore: in .repro.yaml if it need not be checked",
}

// EngineRules are the rules the engine itself reports; the registry lists
// them after the families' rules.
var EngineRules = []*Rule{NotChecked}

// skip is one file a rule could not read.
type skip struct {
	path        string
	size, limit int64 // size -1: unknown
	category    string
}

// Skip records that this pass's rule could not check path because it is
// size bytes, over the limit the rule reads. The engine reports each
// skipped target once as REPRO-SKIP-001, in the category of the first
// family that skipped it. Files that are not targets are not reported.
func (p *Pass) Skip(path string, size, limit int64) {
	p.shared.mu.Lock()
	defer p.shared.mu.Unlock()
	if _, seen := p.shared.skips[path]; !seen {
		p.shared.skips[path] = skip{path: path, size: size, limit: limit, category: p.Rule.Category}
	}
}

// capTree is the Tree a pass sees: reads go through to the snapshot, and
// one that fails for size (snapshot.ErrTooLarge) is recorded as a skip.
type capTree struct {
	snapshot.Tree
	pass *Pass
}

func (t capTree) ReadFile(path string) ([]byte, error) {
	b, err := t.Tree.ReadFile(path)
	if err != nil && errors.Is(err, snapshot.ErrTooLarge) {
		size := int64(-1)
		if fi, serr := t.Tree.Stat(path); serr == nil {
			size = fi.Size
		}
		t.pass.Skip(path, size, snapshot.MaxFileSize)
	}
	return b, err
}

// notCheckedFindings turns the recorded skips of targets into findings.
func notCheckedFindings(sh *shared, targets []snapshot.FileInfo, cfg *Config) []Finding {
	if len(sh.skips) == 0 || !cfg.Enabled(NotChecked.ID) {
		return nil
	}
	isTarget := map[string]bool{}
	for _, f := range targets {
		isTarget[f.Path] = true
	}
	var out []Finding
	for _, s := range sh.skips {
		if !isTarget[s.path] || cfg.Ignored(s.path) || cfg.ignoredFor(NotChecked.ID, s.path) {
			continue
		}
		what := "it is larger than"
		if s.size >= 0 {
			what = fmt.Sprintf("it is %s, over", bytesize.Format(s.size))
		}
		d := Diag{
			Pos:     Pos{Path: s.path},
			Message: fmt.Sprintf("%q was not checked by the %s rules: %s the %s they read", s.path, s.category, what, bytesize.Format(s.limit)),
			Key:     "not-checked",
		}
		out = append(out, Finding{
			Rule: NotChecked.ID, Category: s.category, Severity: cfg.SeverityOf(NotChecked),
			Path: s.path, Message: d.Message, Hint: NotChecked.Remediation,
			Fingerprint: fingerprintKey(NotChecked.ID, d, nil),
		})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}
