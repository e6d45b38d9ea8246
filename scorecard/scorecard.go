package scorecard

import (
	"sort"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/snapshot"
)

// Side is one evaluated snapshot: its files and the findings of a full run
// of the rules over it.
type Side struct {
	Tree     snapshot.Tree
	Files    []snapshot.FileInfo
	Findings []checks.Finding
	// VersionControlled is set when the snapshot comes from git (the
	// index, a commit or a worktree), not from a plain directory.
	VersionControlled bool
	// Config is the configuration the rules ran with (nil: defaults); the
	// checklist uses its model-card artifact globs.
	Config *checks.Config
	// Rules are the rules that ran (their titles sort findings into
	// checklist items); nil: findings are sorted by their messages.
	Rules []*checks.Rule
}

// Evaluate lists every file of tree and runs the rules (the registry's,
// rules.All(), or a selection) over them with Full set, as "git repro check
// --all" does. Rule panics are returned as errors beside a usable Side.
func Evaluate(tree snapshot.Tree, cfg *checks.Config, rules []*checks.Rule) (*Side, []error, error) {
	files, err := tree.Files()
	if err != nil {
		return nil, nil, err
	}
	res := checks.Run(checks.Options{Tree: tree, Targets: files, Full: true, Config: cfg, Rules: rules})
	return &Side{Tree: tree, Files: files, Findings: res.Findings, VersionControlled: true, Config: cfg, Rules: rules}, res.Errors, nil
}

// Meta is what the report says about how it was made.
type Meta struct {
	Version string `json:"version"`          // git-repro version
	Commit  string `json:"commit,omitempty"` // head commit (full hash)
	// Base is the base revision as the user named it ("main"), and
	// BaseCommit the merge base the delta was computed against.
	Base       string `json:"base,omitempty"`
	BaseCommit string `json:"base_commit,omitempty"`
	// Command reproduces the report locally ("git repro report --base main").
	Command string `json:"command,omitempty"`
}

// Status of a checklist item.
type Status string

// Item statuses.
const (
	Pass Status = "pass"
	Fail Status = "fail"
	NA   Status = "n/a"
)

// Item is one checklist entry.
type Item struct {
	ID     string `json:"id"`    // stable: "pinned-deps"
	Title  string `json:"title"` // "Dependencies pinned"
	Status Status `json:"status"`
	// Detail says why, naming files or counting findings.
	Detail string `json:"detail"`
	// Findings counts the findings that made the item fail.
	Findings int `json:"findings,omitempty"`
}

// Score summarises a checklist.
type Score struct {
	Passed     int `json:"passed"`
	Applicable int `json:"applicable"`
	// Percent is Passed/Applicable rounded to a whole percent (100 when
	// nothing applies).
	Percent int `json:"percent"`
}

func scoreOf(items []Item) Score {
	var s Score
	for _, it := range items {
		switch it.Status {
		case Pass:
			s.Passed++
			s.Applicable++
		case Fail:
			s.Applicable++
		}
	}
	s.Percent = 100
	if s.Applicable > 0 {
		s.Percent = (s.Passed*200 + s.Applicable) / (2 * s.Applicable)
	}
	return s
}

// Delta sorts findings by fingerprint against the base.
type Delta struct {
	New       []checks.Finding `json:"new"`
	Fixed     []checks.Finding `json:"fixed"`
	Unchanged []checks.Finding `json:"unchanged"`
}

// Report is the whole reproducibility report.
type Report struct {
	Meta      Meta
	Checklist []Item
	Score     Score
	// Findings are the head's findings, sorted by category then path.
	Findings []checks.Finding

	// With a base:
	BaseChecklist []Item
	BaseScore     *Score
	Delta         *Delta
	Env           *EnvDiff
}

// Build makes the report for head, and the delta and environment diff
// against base when base is not nil.
func Build(head, base *Side, meta Meta) *Report {
	r := &Report{Meta: meta}
	r.Checklist = Checklist(head)
	r.Score = scoreOf(r.Checklist)
	r.Findings = sortByCategory(head.Findings)
	if base == nil {
		return r
	}
	r.BaseChecklist = Checklist(base)
	bs := scoreOf(r.BaseChecklist)
	r.BaseScore = &bs
	r.Delta = diffFindings(base.Findings, head.Findings)
	r.Env = DiffEnv(base, head)
	return r
}

// diffFindings matches findings by fingerprint.
func diffFindings(base, head []checks.Finding) *Delta {
	inBase := map[string]bool{}
	for _, f := range base {
		inBase[f.Fingerprint] = true
	}
	inHead := map[string]bool{}
	d := &Delta{New: []checks.Finding{}, Fixed: []checks.Finding{}, Unchanged: []checks.Finding{}}
	for _, f := range head {
		inHead[f.Fingerprint] = true
		if inBase[f.Fingerprint] {
			d.Unchanged = append(d.Unchanged, f)
		} else {
			d.New = append(d.New, f)
		}
	}
	for _, f := range base {
		if !inHead[f.Fingerprint] {
			d.Fixed = append(d.Fixed, f)
		}
	}
	d.New = sortByCategory(d.New)
	d.Fixed = sortByCategory(d.Fixed)
	d.Unchanged = sortByCategory(d.Unchanged)
	return d
}

// categoryRank orders categories as checks.Categories lists them;
// unknown ones go last.
func categoryRank(c string) int {
	for i, k := range checks.Categories {
		if k == c {
			return i
		}
	}
	return len(checks.Categories)
}

func sortByCategory(fs []checks.Finding) []checks.Finding {
	out := append([]checks.Finding(nil), fs...)
	checks.SortFindings(out)
	// Stable: within a category, the engine's path/line order stays.
	sort.SliceStable(out, func(i, j int) bool { return categoryRank(out[i].Category) < categoryRank(out[j].Category) })
	if out == nil {
		out = []checks.Finding{}
	}
	return out
}

// Counts of findings by severity.
type Counts struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Info    int `json:"info"`
	Total   int `json:"total"`
}

func countOf(fs []checks.Finding) Counts {
	var c Counts
	for _, f := range fs {
		switch f.Severity {
		case checks.Error:
			c.Error++
		case checks.Warning:
			c.Warning++
		default:
			c.Info++
		}
		c.Total++
	}
	return c
}

// groupByCategory splits sorted findings into runs of one category.
func groupByCategory(fs []checks.Finding) [][]checks.Finding {
	var groups [][]checks.Finding
	for i := 0; i < len(fs); {
		j := i
		for j < len(fs) && fs[j].Category == fs[i].Category {
			j++
		}
		groups = append(groups, fs[i:j])
		i = j
	}
	return groups
}
