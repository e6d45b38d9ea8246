package checks

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Severity orders findings. The zero value is invalid so that a rule that
// forgets its severity is caught by the registry test.
type Severity int

// Severities, lowest first.
const (
	SeverityNone Severity = iota // "none": used only as a --fail-on threshold
	Info
	Warning
	Error
)

var severityNames = [...]string{"none", "info", "warning", "error"}

func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads "error", "warning", "info" or "none".
func ParseSeverity(s string) (Severity, error) {
	for i, n := range severityNames {
		if strings.EqualFold(s, n) {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (valid: error, warning, info, none)", s)
}

// MarshalJSON writes the severity as its name.
func (s Severity) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads a severity name.
func (s *Severity) UnmarshalJSON(b []byte) error {
	var str string
	if err := json.Unmarshal(b, &str); err != nil {
		return err
	}
	v, err := ParseSeverity(str)
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Categories, as listed in the findings contract.
const (
	CatDeps       = "deps"
	CatSeeds      = "seeds"
	CatDocker     = "docker"
	CatModelCard  = "model-card"
	CatLargeFiles = "large-files"
	CatSecrets    = "secrets"
	CatNotebooks  = "notebooks"
	CatCI         = "ci"
	CatDocs       = "docs"
)

// Categories lists every valid category in display order.
var Categories = []string{CatDeps, CatSeeds, CatDocker, CatModelCard, CatLargeFiles, CatSecrets, CatNotebooks, CatCI, CatDocs}

// Finding is one problem found by one rule. Its JSON form is the stable
// findings contract (see DESIGN.md): field names and meanings never change.
type Finding struct {
	Rule     string   `json:"rule"`
	Category string   `json:"category"`
	Severity Severity `json:"severity"`
	// Path is relative to the repository root, with "/" separators. A
	// finding about a missing file uses the path where it should be, or
	// the file that needs it.
	Path string `json:"path"`
	// Line and Column are 1-based; 0 means the finding is about the whole
	// file (or the repository).
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
	// Fingerprint identifies the finding across runs and line shifts: it
	// hashes the rule, the path and the content of the flagged line, not
	// its number.
	Fingerprint string `json:"fingerprint"`
}

// String formats the finding as "path:line:col: message [RULE]".
func (f Finding) String() string {
	var b strings.Builder
	b.WriteString(f.Path)
	if f.Line > 0 {
		fmt.Fprintf(&b, ":%d", f.Line)
		if f.Column > 0 {
			fmt.Fprintf(&b, ":%d", f.Column)
		}
	}
	fmt.Fprintf(&b, ": %s [%s]", f.Message, f.Rule)
	return b.String()
}
