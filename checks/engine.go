package checks

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"runtime/debug"
	"sort"
	"strings"

	"github.com/zeebo/blake3"

	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/snapshot"
)

// Options configures one run of the engine.
type Options struct {
	Tree    snapshot.Tree
	Targets []snapshot.FileInfo
	// Full is true when Targets is every file of Tree.
	Full   bool
	Config *Config
	// Rules to run: the registry's (rules.All()) or a selection of them.
	// The engine knows no rules of its own: nil runs none.
	Rules []*Rule
}

// Result is the outcome of a run.
type Result struct {
	Findings []Finding
	// Errors are internal failures (a rule that panicked). Problems in the
	// checked files are findings, never errors.
	Errors []error
	// Files is how many target files the run checked.
	Files int
}

// Run executes the enabled rules over the targets and returns the findings,
// suppressed and ignored ones removed, sorted by path, line, column, rule.
func Run(opts Options) Result {
	cfg := opts.Config
	if cfg == nil {
		cfg = DefaultConfig()
	}
	rules := opts.Rules
	targets := runTargets(opts.Targets, cfg)
	sh := &shared{memo: map[string]*memoEntry{}, skips: map[string]skip{}}
	var res Result
	res.Files = len(targets)
	lines := &lineCache{tree: opts.Tree, files: map[string][][]byte{}}
	for _, r := range rules {
		if !cfg.Enabled(r.ID) || r.Run == nil {
			continue
		}
		p := &Pass{Rule: r, Targets: targets, Full: opts.Full, Config: cfg, shared: sh}
		p.Tree = capTree{Tree: opts.Tree, pass: p}
		if err := runRule(p); err != nil {
			res.Errors = append(res.Errors, err)
		}
		for _, d := range p.diags {
			if cfg.Ignored(d.Path) || cfg.ignoredFor(r.ID, d.Path) || lines.suppressed(d.Pos, r.ID) {
				continue
			}
			hint := d.Hint
			if hint == "" {
				hint = r.Remediation
			}
			res.Findings = append(res.Findings, Finding{
				Rule: r.ID, Category: r.Category, Severity: cfg.SeverityOf(r),
				Path: d.Path, Line: d.Line, Column: d.Col,
				Message: d.Message, Hint: hint,
				Fingerprint: fingerprintKey(r.ID, d, lines),
			})
		}
	}
	res.Findings = append(res.Findings, notCheckedFindings(sh, targets, cfg)...)
	SortFindings(res.Findings)
	disambiguate(res.Findings)
	return res
}

// runTargets is what the rules check: the targets the configuration does
// not ignore, less the symlinks whose file is a target too (a
// "Dockerfile -> docker/Dockerfile.gpu" link reads as its target, so
// checking both would report every finding twice; a link staged alone is
// still checked, under its own name).
func runTargets(all []snapshot.FileInfo, cfg *Config) []snapshot.FileInfo {
	paths := make(map[string]bool, len(all))
	for _, f := range all {
		paths[f.Path] = true
	}
	var targets []snapshot.FileInfo
	for _, f := range all {
		if cfg.Ignored(f.Path) || f.Target != "" && paths[f.Target] && !cfg.Ignored(f.Target) {
			continue
		}
		targets = append(targets, f)
	}
	return targets
}

func runRule(p *Pass) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("rule %s panicked: %v\n%s", p.Rule.ID, v, debug.Stack())
		}
	}()
	p.Rule.Run(p)
	return nil
}

// SortFindings orders findings by path, line, column, rule, message.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Message < b.Message
	})
}

// fingerprintKey hashes what identifies a finding independently of its
// line number: the rule, the path, and the flagged line's content (or the
// diagnostic's Key, or its message for whole-file findings).
func fingerprintKey(rule string, d Diag, lines *lineCache) string {
	content := d.Key
	if content == "" && d.Line > 0 {
		content = string(bytes.Join(bytes.Fields(lines.line(d.Path, d.Line)), []byte(" ")))
	}
	if content == "" {
		content = d.Message
	}
	h := blake3.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s", rule, d.Path, content)
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// disambiguate makes fingerprints unique: the n-th repeat of the same
// fingerprint (two identical lines in one file) gets an occurrence suffix,
// so the set stays stable when unrelated lines move.
func disambiguate(fs []Finding) {
	seen := map[string]int{}
	for i := range fs {
		fp := fs[i].Fingerprint
		n := seen[fp]
		seen[fp] = n + 1
		if n > 0 {
			h := blake3.New()
			fmt.Fprintf(h, "%s\x00%d", fp, n)
			fs[i].Fingerprint = hex.EncodeToString(h.Sum(nil)[:16])
		}
	}
}

// lineCache reads each file at most once for suppression and fingerprints.
type lineCache struct {
	tree  snapshot.Tree
	files map[string][][]byte
}

func (c *lineCache) line(path string, n int) []byte {
	ls, ok := c.files[path]
	if !ok {
		if c.tree != nil {
			if b, err := c.tree.ReadFile(path); err == nil && len(b) <= 32<<20 {
				ls = bytes.Split(b, []byte("\n"))
			}
		}
		c.files[path] = ls
	}
	if n < 1 || n > len(ls) {
		return nil
	}
	return bytes.TrimRight(ls[n-1], "\r")
}

// suppressRe matches "repro:ignore" optionally followed by [ID,ID...].
var suppressRe = lazyre.New(`repro:ignore(?:\[([A-Za-z0-9_,\- ]*)\])?`)

// suppressed reports whether an inline "repro:ignore[RULE] reason" comment
// on the flagged line, or alone on the line above it, silences the finding.
func (c *lineCache) suppressed(pos Pos, rule string) bool {
	if pos.Line < 1 {
		return false
	}
	if suppresses(c.line(pos.Path, pos.Line), rule) {
		return true
	}
	prev := bytes.TrimSpace(c.line(pos.Path, pos.Line-1))
	isComment := bytes.HasPrefix(prev, []byte("#")) || bytes.HasPrefix(prev, []byte("//")) || bytes.HasPrefix(prev, []byte("<!--"))
	return isComment && suppresses(prev, rule)
}

func suppresses(line []byte, rule string) bool {
	for _, m := range suppressRe().FindAllSubmatch(line, -1) {
		if m[1] == nil {
			return true // bare repro:ignore silences every rule
		}
		for _, id := range strings.Split(string(m[1]), ",") {
			if strings.EqualFold(strings.TrimSpace(id), rule) {
				return true
			}
		}
	}
	return false
}
