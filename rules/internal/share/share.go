package share

import (
	"strconv"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/snapshot"
)

// Findings are a family's findings by rule id, each kept once: a finding
// with the rule, place and message of one already added is dropped (two
// paths of an analysis that reach the same problem report it once). The
// zero value is ready to use.
type Findings struct {
	byRule map[string][]checks.Diag
	seen   map[string]bool
}

// Add files a finding under a rule id.
func (f *Findings) Add(rule string, d checks.Diag) {
	if f.byRule == nil {
		f.byRule, f.seen = map[string][]checks.Diag{}, map[string]bool{}
	}
	k := rule + "\x00" + d.Path + "\x00" + strconv.Itoa(d.Line) + "\x00" + strconv.Itoa(d.Col) + "\x00" + d.Message
	if f.seen[k] {
		return
	}
	f.seen[k] = true
	f.byRule[rule] = append(f.byRule[rule], d)
}

// Of returns the findings filed under a rule id, in the order added.
func (f *Findings) Of(rule string) []checks.Diag {
	if f == nil {
		return nil
	}
	return f.byRule[rule]
}

// report reports the pass's rule's share of f.
func report(p *checks.Pass, f *Findings) {
	for _, d := range f.Of(p.Rule.ID) {
		p.Report(d)
	}
}

// Run returns the Run function of a rule whose family analyses the whole
// run at once: analyze runs once per run (memoised under key, e.g.
// "deps:analysis"), whichever rule asks first.
func Run(key string, analyze func(*checks.Pass) *Findings) func(*checks.Pass) {
	return func(p *checks.Pass) {
		f, _ := p.Memo(key, func() any { return analyze(p) }).(*Findings)
		report(p, f)
	}
}

// PerFile returns the Run function of a rule whose family analyses one
// file at a time: analyze runs once per target file that match accepts
// (memoised under key + ":" + the file's path).
func PerFile(key string, match func(*checks.Pass, snapshot.FileInfo) bool, analyze func(*checks.Pass, snapshot.FileInfo) *Findings) func(*checks.Pass) {
	return func(p *checks.Pass) {
		for _, t := range p.Targets {
			if !match(p, t) {
				continue
			}
			f, _ := p.Memo(key+":"+t.Path, func() any { return analyze(p, t) }).(*Findings)
			report(p, f)
		}
	}
}
