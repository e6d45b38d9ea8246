package workflow

import (
	"path"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/git-repro/git-repro/internal/lazyre"
	"github.com/git-repro/git-repro/internal/yamlerr"
)

// Workflow is a parsed workflow file.
type Workflow struct {
	Root *yaml.Node // the top-level mapping
	Jobs []*Job
}

// Job is one entry of jobs:.
type Job struct {
	ID     string
	Line   int
	Node   *yaml.Node // the job's mapping
	RunsOn *yaml.Node // nil when absent
	// Uses is the reusable workflow of a job-level uses:, or nil.
	Uses   *yaml.Node
	Matrix *yaml.Node // strategy.matrix, or nil
	Steps  []*Step
}

// Step is one entry of steps:.
type Step struct {
	Node  *yaml.Node
	Line  int
	Uses  *yaml.Node
	Run   *yaml.Node
	Shell string
	// With lists the with: inputs in order as key/value node pairs.
	With []KV
}

// KV is a mapping entry.
type KV struct{ Key, Value *yaml.Node }

// Error is a YAML error with its line.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return "line " + strconv.Itoa(e.Line) + ": " + e.Msg }

// parseRoot decodes a YAML document whose top level must be a mapping;
// root is nil for an empty document. A decoding error carries its line.
func parseRoot(data []byte, notMapping string) (w *Workflow, root *yaml.Node, err error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := yamlerr.Of(err)
		return nil, nil, &Error{Line: line, Msg: msg}
	}
	w = &Workflow{}
	if len(doc.Content) == 0 {
		return w, nil, nil
	}
	root = doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, nil, &Error{Line: root.Line, Msg: notMapping}
	}
	w.Root = root
	return w, root, nil
}

// Parse reads a workflow file. A file that is not a mapping, or whose
// jobs: is not a mapping, is an error.
func Parse(data []byte) (*Workflow, error) {
	w, root, err := parseRoot(data, "a workflow must be a mapping with on: and jobs:")
	if err != nil || root == nil {
		return w, err
	}
	jobs := Get(root, "jobs")
	if jobs == nil {
		return w, nil
	}
	if jobs.Kind != yaml.MappingNode {
		return nil, &Error{Line: jobs.Line, Msg: "jobs: must be a mapping of job ids to jobs"}
	}
	for _, kv := range Pairs(jobs) {
		j := &Job{ID: kv.Key.Value, Line: kv.Key.Line, Node: kv.Value}
		if kv.Value.Kind == yaml.MappingNode {
			j.RunsOn = Get(kv.Value, "runs-on")
			j.Uses = Get(kv.Value, "uses")
			if st := Get(kv.Value, "strategy"); st != nil {
				j.Matrix = Get(st, "matrix")
			}
			j.Steps = parseSteps(Get(kv.Value, "steps"))
		}
		w.Jobs = append(w.Jobs, j)
	}
	return w, nil
}

func parseSteps(steps *yaml.Node) []*Step {
	if steps == nil || steps.Kind != yaml.SequenceNode {
		return nil
	}
	var out []*Step
	for _, s := range steps.Content {
		if s.Kind != yaml.MappingNode {
			continue
		}
		st := &Step{Node: s, Line: s.Line, Uses: Get(s, "uses"), Run: Get(s, "run")}
		if sh := Get(s, "shell"); sh != nil {
			st.Shell = sh.Value
		}
		if with := Get(s, "with"); with != nil {
			st.With = Pairs(with)
		}
		out = append(out, st)
	}
	return out
}

// IsActionFile reports whether p is the metadata file of an action kept
// in the repository: action.yml (or .yaml) at the root or under .github/.
func IsActionFile(p string) bool {
	b := path.Base(p)
	if b != "action.yml" && b != "action.yaml" {
		return false
	}
	return p == b || strings.HasPrefix(p, ".github/")
}

// ParseAction reads an action's metadata file. A composite action's
// runs.steps become the steps of one job with ID "runs", so the step
// checks of workflows apply to it; other actions have no jobs.
func ParseAction(data []byte) (*Workflow, error) {
	w, root, err := parseRoot(data, "an action's metadata must be a mapping with name: and runs:")
	if err != nil || root == nil {
		return w, err
	}
	runs := Get(root, "runs")
	if steps := Get(runs, "steps"); steps != nil {
		w.Jobs = append(w.Jobs, &Job{ID: "runs", Line: runs.Line, Node: runs, Steps: parseSteps(steps)})
	}
	return w, nil
}

// Get returns the value of key in a mapping node (following an alias),
// or nil.
func Get(m *yaml.Node, key string) *yaml.Node {
	m = deref(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return deref(m.Content[i+1])
		}
	}
	return nil
}

// Pairs returns the entries of a mapping node, or nil.
func Pairs(m *yaml.Node) []KV {
	m = deref(m)
	if m == nil || m.Kind != yaml.MappingNode {
		return nil
	}
	var out []KV
	for i := 0; i+1 < len(m.Content); i += 2 {
		out = append(out, KV{m.Content[i], deref(m.Content[i+1])})
	}
	return out
}

func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 100; i++ {
		n = n.Alias
	}
	return n
}

// Scalars returns the scalar nodes of n: n itself, or the elements of a
// sequence (one level).
func Scalars(n *yaml.Node) []*yaml.Node {
	n = deref(n)
	switch {
	case n == nil:
		return nil
	case n.Kind == yaml.ScalarNode:
		return []*yaml.Node{n}
	case n.Kind == yaml.SequenceNode:
		var out []*yaml.Node
		for _, c := range n.Content {
			if c = deref(c); c.Kind == yaml.ScalarNode {
				out = append(out, c)
			}
		}
		return out
	}
	return nil
}

var trailingZeroRe = lazyre.New(`^[0-9]+\.[0-9]*0$`)

// LosesTrailingZero reports whether n is a plain (unquoted) scalar that
// YAML reads as a float and that loses digits on the way: "3.10" becomes
// 3.1, "3.0" becomes 3. It returns the string the runner sees.
func LosesTrailingZero(n *yaml.Node) (string, bool) {
	if n == nil || n.Kind != yaml.ScalarNode || n.Style != 0 || n.Tag != "!!float" || !trailingZeroRe().MatchString(n.Value) {
		return "", false
	}
	f, err := strconv.ParseFloat(n.Value, 64)
	if err != nil {
		return "", false
	}
	return strconv.FormatFloat(f, 'f', -1, 64), true
}

// MatrixValues returns every scalar in a strategy.matrix: the values of
// each axis and of the include/exclude entries, keyed by axis name.
func MatrixValues(m *yaml.Node) []KV {
	var out []KV
	for _, kv := range Pairs(m) {
		switch kv.Key.Value {
		case "include", "exclude":
			if kv.Value.Kind != yaml.SequenceNode {
				continue
			}
			for _, e := range kv.Value.Content {
				for _, ikv := range Pairs(e) {
					for _, s := range Scalars(ikv.Value) {
						out = append(out, KV{ikv.Key, s})
					}
				}
			}
		default:
			for _, s := range Scalars(kv.Value) {
				out = append(out, KV{kv.Key, s})
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Value.Line < out[j].Value.Line })
	return out
}

// IsFile reports whether a repository path is a workflow file.
func IsFile(p string) bool {
	if !strings.HasPrefix(p, ".github/workflows/") || strings.Contains(strings.TrimPrefix(p, ".github/workflows/"), "/") {
		return false
	}
	return strings.HasSuffix(p, ".yml") || strings.HasSuffix(p, ".yaml")
}
