package scorecard

import (
	"encoding/json"
	"io"

	"github.com/git-repro/git-repro/checks"
)

// JSONReport is the report's stable JSON form ("version": 1).
type JSONReport struct {
	Version   int              `json:"version"`
	Meta      Meta             `json:"meta"`
	Status    string           `json:"status"` // the status line as plain text
	Score     Score            `json:"score"`
	BaseScore *Score           `json:"base_score,omitempty"`
	Checklist []Item           `json:"checklist"`
	Counts    JSONCounts       `json:"counts"`
	Findings  []checks.Finding `json:"findings"`
	Delta     *Delta           `json:"delta,omitempty"`
	Env       *EnvDiff         `json:"environment,omitempty"`
}

// JSONCounts are the finding counts the Action and dashboards read.
type JSONCounts struct {
	Findings   Counts            `json:"findings"`
	ByCategory map[string]Counts `json:"by_category"`
	New        *Counts           `json:"new,omitempty"`
	Fixed      *Counts           `json:"fixed,omitempty"`
	Unchanged  *Counts           `json:"unchanged,omitempty"`
}

// JSON returns the report's JSON model.
func (r *Report) JSON() JSONReport {
	j := JSONReport{Version: 1, Meta: r.Meta, Status: r.StatusText(), Score: r.Score, BaseScore: r.BaseScore,
		Checklist: r.Checklist, Findings: r.Findings, Delta: r.Delta, Env: r.Env}
	j.Counts.Findings = countOf(r.Findings)
	j.Counts.ByCategory = map[string]Counts{}
	for _, g := range groupByCategory(r.Findings) {
		j.Counts.ByCategory[g[0].Category] = countOf(g)
	}
	if r.Delta != nil {
		n, f, u := countOf(r.Delta.New), countOf(r.Delta.Fixed), countOf(r.Delta.Unchanged)
		j.Counts.New, j.Counts.Fixed, j.Counts.Unchanged = &n, &f, &u
	}
	return j
}

// WriteJSON writes the JSON form, indented.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r.JSON())
}
