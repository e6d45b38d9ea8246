package main

import (
	"encoding/json"
	"fmt"

	"github.com/git-repro/git-repro/checks"
)

// renderFunc writes a run's findings in one output format.
type renderFunc func(c *CLI, o *checkOpts, res checks.Result, rules []*checks.Rule) error

// renderers maps --format values to writers.
var renderers = map[string]renderFunc{
	"text":     renderText,
	"json":     renderJSON,
	"sarif":    renderJSON, // wired to checks/report when it lands
	"markdown": renderText,
	"github":   renderText,
}

func renderText(c *CLI, _ *checkOpts, res checks.Result, _ []*checks.Rule) error {
	for _, f := range res.Findings {
		fmt.Fprintln(c.Stdout, f.String())
		if f.Hint != "" {
			fmt.Fprintf(c.Stdout, "    hint: %s\n", f.Hint)
		}
	}
	return nil
}

func renderJSON(c *CLI, _ *checkOpts, res checks.Result, _ []*checks.Rule) error {
	fs := res.Findings
	if fs == nil {
		fs = []checks.Finding{}
	}
	enc := json.NewEncoder(c.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"version": 1, "findings": fs})
}
