package realworld

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// ExpectFile is the name of a case's expectations, at the case's root. It is
// not part of the repository the engine checks.
const ExpectFile = "expect.yaml"

// KnownFailingFile lists, one per line, the cases that may fail today
// ("#" starts a comment).
const KnownFailingFile = "KNOWN_FAILING"

// Categories are the finding categories of the findings contract, in the
// order the table lists them.
var Categories = []string{"deps", "seeds", "docker", "model-card", "large-files", "secrets", "notebooks", "ci", "docs"}

// Kinds of case.
const (
	KindClean         = "clean"          // a well-kept repository: no error or warning in scope
	KindTruePositive  = "true-positive"  // a finding that fires today and must keep firing
	KindFalsePositive = "false-positive" // a finding users judged wrong: it must not appear
	KindMissed        = "missed"         // a problem no rule reports today
)

// Expect is a case's expect.yaml.
type Expect struct {
	// Why is one line: the real-world pattern and the issue item it
	// reproduces.
	Why string `yaml:"why"`
	// Category is the family the case belongs to (one of Categories).
	Category string `yaml:"category"`
	// Kind is clean, true-positive, false-positive or missed.
	Kind string `yaml:"kind"`
	// NewRule marks a case whose expected finding needs a rule that the
	// catalogue does not have yet.
	NewRule bool `yaml:"new-rule"`
	// Scope lists the categories whose error and warning findings are
	// judged: each must be expected (Must or May) or the case fails.
	// Default: Category. "all" means every category.
	Scope []string `yaml:"scope"`
	// Git builds a real git repository (git init, add, commit) and checks
	// its worktree as "git repro check --all" does; LFS also runs "git lfs
	// install --local" first, so .gitattributes filters make LFS pointers.
	// Otherwise the case is checked as a plain directory snapshot.
	Git bool `yaml:"git"`
	LFS bool `yaml:"lfs"`
	// Generate lists files the harness writes before the check (large
	// files that should not be committed to this repository).
	Generate []Generated `yaml:"generate"`
	// Must are findings that must appear, MustNot findings that must not,
	// May findings that are correct but not the point of the case.
	Must    []Match `yaml:"must"`
	MustNot []Match `yaml:"must-not"`
	May     []Match `yaml:"may"`
	// Review records, for the holdout set, the hand verdict on each error
	// or warning finding that no blind Must, MustNot or May entry places
	// (see ReviewHoldout). It is written after the tool has been run.
	Review []Reviewed `yaml:"review"`
}

// Verdicts of a hand review.
const (
	VerdictCorrect   = "correct"
	VerdictDebatable = "debatable"
	VerdictWrong     = "wrong"
)

// Reviewed is a review entry: a Match and the reviewer's verdict on the
// findings it selects; Why says why.
type Reviewed struct {
	Match   `yaml:",inline"`
	Verdict string `yaml:"verdict"`
}

// Generated is a file the harness creates: Size bytes of deterministic
// pseudo-random content (incompressible, like weights or a gzip file), or
// of repeated text lines when Text is set.
type Generated struct {
	Path string `yaml:"path"`
	Size int64  `yaml:"size"`
	Text bool   `yaml:"text"`
}

// Match selects findings. Rule is required; an empty Path matches any path;
// a nil Line any line (0 is a whole-file finding). Message and Hint are
// regular expressions that the finding's message or hint must match;
// NotMessage and NotHint must not match. Count, when set, is the exact
// number of matching findings a Must entry needs.
type Match struct {
	Rule       string `yaml:"rule"`
	Path       string `yaml:"path"`
	Line       *int   `yaml:"line"`
	Count      *int   `yaml:"count"`
	Message    string `yaml:"message"`
	NotMessage string `yaml:"not-message"`
	Hint       string `yaml:"hint"`
	NotHint    string `yaml:"not-hint"`
	Why        string `yaml:"why"`

	res [4]*regexp.Regexp
}

// Finding is one finding of a run, as the findings contract has it.
type Finding struct {
	Rule, Category, Severity, Path string
	Line                           int
	Message, Hint                  string
}

func (f Finding) String() string {
	return fmt.Sprintf("%s:%d: %s: %s [%s]", f.Path, f.Line, f.Severity, f.Message, f.Rule)
}

// judged reports whether the finding counts for precision: errors and
// warnings (info findings are advice).
func (f Finding) judged() bool { return f.Severity == "error" || f.Severity == "warning" }

// Case is one corpus case.
type Case struct {
	Name   string // directory name
	Dir    string // path of the case directory
	Expect Expect
}

// Matches reports whether the finding is one the entry selects.
func (m *Match) Matches(f Finding) bool {
	if !m.at(f) {
		return false
	}
	for i, s := range []string{f.Message, f.Message, f.Hint, f.Hint} {
		if re := m.res[i]; re != nil && re.MatchString(s) == (i%2 == 1) {
			return false
		}
	}
	return true
}

// at reports whether the finding has the entry's rule, path and line,
// whatever its text.
func (m *Match) at(f Finding) bool {
	return strings.EqualFold(m.Rule, f.Rule) && (m.Path == "" || m.Path == f.Path) && (m.Line == nil || *m.Line == f.Line)
}

func (m *Match) String() string {
	s := m.Rule
	if m.Path != "" {
		s += " at " + m.Path
		if m.Line != nil {
			s += fmt.Sprintf(":%d", *m.Line)
		}
	}
	for i, re := range []string{m.Message, m.NotMessage, m.Hint, m.NotHint} {
		if re != "" {
			s += fmt.Sprintf(" %s %q", [...]string{"message ~", "message !~", "hint ~", "hint !~"}[i], re)
		}
	}
	if m.Why != "" {
		s += " (" + m.Why + ")"
	}
	return s
}

func (m *Match) compile() error {
	if m.Rule == "" {
		return errors.New("an entry has no rule")
	}
	for i, s := range []string{m.Message, m.NotMessage, m.Hint, m.NotHint} {
		if s == "" {
			continue
		}
		re, err := regexp.Compile(s)
		if err != nil {
			return fmt.Errorf("%s: %v", m.Rule, err)
		}
		m.res[i] = re
	}
	if m.Count != nil && *m.Count < 0 {
		return fmt.Errorf("%s: negative count", m.Rule)
	}
	return nil
}

// Rules returns every rule id the case names.
func (e *Expect) Rules() []string {
	var out []string
	for _, l := range [][]Match{e.Must, e.MustNot, e.May} {
		for _, m := range l {
			out = append(out, strings.ToUpper(m.Rule))
		}
	}
	for _, r := range e.Review {
		out = append(out, strings.ToUpper(r.Rule))
	}
	return out
}

// InScope reports whether a category's error and warning findings are
// judged in this case.
func (e *Expect) InScope(category string) bool {
	for _, s := range e.Scope {
		if s == "all" || s == category {
			return true
		}
	}
	return false
}

// ParseExpect reads and validates an expect.yaml. Unknown keys are errors.
func ParseExpect(data []byte) (*Expect, error) {
	var e Expect
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&e); err != nil {
		return nil, err
	}
	if strings.TrimSpace(e.Why) == "" {
		return nil, errors.New("why: is required (the real-world pattern and the issue item)")
	}
	if !contains(Categories, e.Category) {
		return nil, fmt.Errorf("category %q is not one of %s", e.Category, strings.Join(Categories, ", "))
	}
	switch e.Kind {
	case KindClean:
		if len(e.Must) > 0 {
			return nil, errors.New("a clean case has no must: findings")
		}
	case KindTruePositive, KindMissed:
		if len(e.Must) == 0 {
			return nil, fmt.Errorf("a %s case needs must: findings", e.Kind)
		}
	case KindFalsePositive:
		if len(e.MustNot) == 0 {
			return nil, errors.New("a false-positive case needs must-not: findings")
		}
	default:
		return nil, fmt.Errorf("kind %q is not one of clean, true-positive, false-positive, missed", e.Kind)
	}
	if len(e.Scope) == 0 {
		e.Scope = []string{e.Category}
	}
	for _, s := range e.Scope {
		if s != "all" && !contains(Categories, s) {
			return nil, fmt.Errorf("scope %q is not a category or \"all\"", s)
		}
	}
	if e.LFS {
		e.Git = true
	}
	for _, l := range [][]Match{e.Must, e.MustNot, e.May} {
		for i := range l {
			if err := l[i].compile(); err != nil {
				return nil, err
			}
		}
	}
	for i := range e.Review {
		r := &e.Review[i]
		if err := r.compile(); err != nil {
			return nil, fmt.Errorf("review: %v", err)
		}
		switch r.Verdict {
		case VerdictCorrect, VerdictDebatable, VerdictWrong:
		default:
			return nil, fmt.Errorf("review: %s: verdict %q is not correct, debatable or wrong", r.Rule, r.Verdict)
		}
		if strings.TrimSpace(r.Why) == "" {
			return nil, fmt.Errorf("review: %s: why: is required", r.Rule)
		}
	}
	for _, g := range e.Generate {
		if g.Path == "" || g.Size <= 0 || !fs.ValidPath(g.Path) {
			return nil, fmt.Errorf("generate: bad entry %+v (a relative path and a positive size)", g)
		}
	}
	return &e, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Load reads every case directory under root (each with an expect.yaml),
// sorted by name.
func Load(root string) ([]*Case, error) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil, err
	}
	var out []*Case
	for _, ent := range entries {
		if !ent.IsDir() {
			continue
		}
		dir := filepath.Join(root, ent.Name())
		data, err := os.ReadFile(filepath.Join(dir, ExpectFile))
		if err != nil {
			return nil, fmt.Errorf("case %s: %v", ent.Name(), err)
		}
		e, err := ParseExpect(data)
		if err != nil {
			return nil, fmt.Errorf("case %s: %s: %v", ent.Name(), ExpectFile, err)
		}
		out = append(out, &Case{Name: ent.Name(), Dir: dir, Expect: *e})
	}
	return out, nil
}

// ReadKnownFailing reads the known-failing list: case names, one per line,
// "#" comments and blank lines ignored.
func ReadKnownFailing(p string) (map[string]bool, error) {
	data, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]bool{}, nil
	}
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if line = strings.TrimSpace(line); line != "" {
			if out[line] {
				return nil, fmt.Errorf("%s: %q listed twice", p, line)
			}
			out[line] = true
		}
	}
	return out, sc.Err()
}

// Verdict is how a run did against one case.
type Verdict struct {
	Case     *Case
	Problems []string // empty when the case passes
	// MustHit counts the satisfied Must entries; MustNotKept[i] says
	// whether Expect.MustNot[i] was kept (no finding matched it).
	MustHit     int
	MustNotKept []bool
	// Correct and Wrong count the judged (error and warning) findings by
	// the finding's category: correct ones are expected (Must or May),
	// wrong ones are MustNot findings or unexpected ones in scope.
	Correct, Wrong map[string]int
	// Findings is every finding of the run, for the verbose report.
	Findings []Finding
}

// Pass reports whether the case passed.
func (v *Verdict) Pass() bool { return len(v.Problems) == 0 }

// Judge compares a run's findings with the case's expectations.
func Judge(c *Case, findings []Finding) *Verdict {
	e := &c.Expect
	v := &Verdict{Case: c, Correct: map[string]int{}, Wrong: map[string]int{}, Findings: findings}
	violated := make([]bool, len(e.MustNot))
	for _, f := range findings {
		bad := false
		for i := range e.MustNot {
			if e.MustNot[i].Matches(f) {
				if !bad {
					v.Problems = append(v.Problems, fmt.Sprintf("false alarm: %s (must not: %s)", f, &e.MustNot[i]))
				}
				violated[i], bad = true, true
			}
		}
		if bad {
			if f.judged() {
				v.Wrong[f.Category]++
			}
			continue
		}
		// A finding at an expected place is correct for precision even
		// when its message or hint is not what the entry asks for (that
		// fails the case below, as a wrong text).
		expected := false
		for _, l := range [][]Match{e.Must, e.May} {
			for i := range l {
				expected = expected || l[i].at(f)
			}
		}
		switch {
		case !f.judged():
		case expected:
			v.Correct[f.Category]++
		case e.InScope(f.Category):
			v.Wrong[f.Category]++
			v.Problems = append(v.Problems, fmt.Sprintf("unexpected finding: %s", f))
		}
	}
	for i := range e.Must {
		m := &e.Must[i]
		n := 0
		var near *Finding
		for j, f := range findings {
			if m.Matches(f) {
				n++
			} else if near == nil && m.at(f) {
				near = &findings[j]
			}
		}
		switch {
		case n == 0 && near != nil:
			v.Problems = append(v.Problems, fmt.Sprintf("wrong text: %s (hint: %s); want %s", near, near.Hint, m))
		case m.Count != nil && n != *m.Count:
			v.Problems = append(v.Problems, fmt.Sprintf("want %d findings, got %d: %s", *m.Count, n, m))
		case n == 0:
			v.Problems = append(v.Problems, fmt.Sprintf("missed: %s", m))
		default:
			v.MustHit++
		}
	}
	for _, b := range violated {
		v.MustNotKept = append(v.MustNotKept, !b)
	}
	return v
}

// Row is one line of the precision table.
type Row struct {
	Family                  string
	Cases, Passing, NewRule int
	MustHit, Must           int
	// MustNot counts the must-not entries on rules the catalogue has;
	// Guards those on rules it does not have yet, which cannot fire.
	MustNotKept, MustNot, Guards int
	Correct, Wrong               int
	Failing                      []string
}

// Precision is Correct / (Correct + Wrong), or -1 without judged findings.
func (r Row) Precision() float64 {
	if r.Correct+r.Wrong == 0 {
		return -1
	}
	return float64(r.Correct) / float64(r.Correct+r.Wrong)
}

// percent renders Precision as a whole percentage, "-" without findings.
func (r Row) percent() string {
	if p := r.Precision(); p >= 0 {
		return fmt.Sprintf("%.0f%%", 100*p)
	}
	return "-"
}

// Rows groups verdicts by family: the case counts by the case's category,
// the judged findings by the finding's category. The last row is the total.
// known reports whether a rule id is in the catalogue: a must-not entry on
// an unknown rule is a guard for a rule to come, not a false alarm avoided.
func Rows(vs []*Verdict, known func(rule string) bool) []Row {
	rows := make([]Row, len(Categories)+1)
	idx := map[string]int{}
	for i, c := range Categories {
		rows[i].Family = c
		idx[c] = i
	}
	total := &rows[len(Categories)]
	total.Family = "all"
	for _, v := range vs {
		e := &v.Case.Expect
		for _, r := range []*Row{&rows[idx[e.Category]], total} {
			r.Cases++
			if v.Pass() {
				r.Passing++
			} else {
				r.Failing = append(r.Failing, v.Case.Name)
			}
			if e.NewRule {
				r.NewRule++
			}
			r.Must += len(e.Must)
			r.MustHit += v.MustHit
			for i, m := range e.MustNot {
				switch {
				case !known(m.Rule):
					r.Guards++
				case v.MustNotKept[i]:
					r.MustNotKept++
					r.MustNot++
				default:
					r.MustNot++
				}
			}
		}
		for cat, n := range v.Correct {
			if i, ok := idx[cat]; ok {
				rows[i].Correct += n
			}
			total.Correct += n
		}
		for cat, n := range v.Wrong {
			if i, ok := idx[cat]; ok {
				rows[i].Wrong += n
			}
			total.Wrong += n
		}
	}
	return rows
}

// Table renders the precision table and the list of failing cases as
// Markdown (known as for Rows).
func Table(vs []*Verdict, known func(rule string) bool) string {
	var b strings.Builder
	b.WriteString("| family | cases | pass | need a new rule | true positives caught | false alarms avoided | guards for new rules | error/warning findings correct | precision |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	rows := Rows(vs, known)
	for _, r := range rows {
		fam := "`" + r.Family + "`"
		if r.Family == "all" {
			fam = "**all**"
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d / %d | %d / %d | %d | %d / %d | %s |\n",
			fam, r.Cases, r.Passing, r.NewRule, r.MustHit, r.Must, r.MustNotKept, r.MustNot, r.Guards, r.Correct, r.Correct+r.Wrong, r.percent())
	}
	all := rows[len(rows)-1]
	fmt.Fprintf(&b, "\nToday %d of %d cases pass; %s of the error and warning findings on the corpus are correct (%d of %d); %d of %d expected findings are reported; %d of %d must-not entries on existing rules hold.\n",
		all.Passing, all.Cases, all.percent(), all.Correct, all.Correct+all.Wrong, all.MustHit, all.Must, all.MustNotKept, all.MustNot)
	var failing []*Verdict
	for _, v := range vs {
		if !v.Pass() {
			failing = append(failing, v)
		}
	}
	sort.SliceStable(failing, func(i, j int) bool {
		a, b := failing[i].Case, failing[j].Case
		if a.Expect.Category != b.Expect.Category {
			return categoryIndex(a.Expect.Category) < categoryIndex(b.Expect.Category)
		}
		return a.Name < b.Name
	})
	fmt.Fprintf(&b, "\nFailing today (%d of %d cases):\n\n", len(failing), len(vs))
	b.WriteString("| case | family | kind | what fails |\n|---|---|---|---|\n")
	for _, v := range failing {
		e := &v.Case.Expect
		kind := e.Kind
		if e.NewRule {
			kind += ", new rule"
		}
		what := v.Problems[0]
		if len(v.Problems) > 1 {
			what += fmt.Sprintf(" (+%d more)", len(v.Problems)-1)
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", v.Case.Name, e.Category, kind, mdCell(what))
	}
	return b.String()
}

func categoryIndex(c string) int {
	for i, x := range Categories {
		if x == c {
			return i
		}
	}
	return len(Categories)
}

// mdCell makes text safe inside a Markdown table cell.
func mdCell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	s = strings.ReplaceAll(s, "\n", " ")
	if len(s) > 220 {
		s = s[:217] + "..."
	}
	return s
}

// Section markers delimit the generated part of docs/precision.md.
const (
	BeginMarker = "<!-- BEGIN realworld table: generated by `go test ./internal/realworld -run Corpus -update`; do not edit -->"
	EndMarker   = "<!-- END realworld table -->"
)

// ReplaceSection returns doc with the text between the markers replaced.
func ReplaceSection(doc, section string) (string, error) {
	return ReplaceBetween(doc, BeginMarker, EndMarker, section)
}

// ReplaceBetween returns doc with the text between the begin and end
// markers replaced by section.
func ReplaceBetween(doc, begin, end, section string) (string, error) {
	i := strings.Index(doc, begin)
	j := strings.Index(doc, end)
	if i < 0 || j < i {
		return "", fmt.Errorf("the markers %q and %q are missing or out of order", begin, end)
	}
	return doc[:i+len(begin)] + "\n" + section + doc[j:], nil
}

// CasePath maps a fixture file's path inside a case to the path it has in
// the checked repository: files named _gitattributes and _gitignore become
// .gitattributes and .gitignore (under their real names git would apply
// them to this repository itself), and expect.yaml at the case root is
// left out ("" is returned).
func CasePath(rel string) string {
	rel = filepath.ToSlash(rel)
	if rel == ExpectFile {
		return ""
	}
	dir, base := path.Split(rel)
	switch base {
	case "_gitattributes":
		return dir + ".gitattributes"
	case "_gitignore":
		return dir + ".gitignore"
	}
	return rel
}
