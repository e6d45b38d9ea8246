package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/git-repro/git-repro/rules"
)

var rulesCommand = &Command{
	Name:  "rules",
	Usage: "rules",
	Short: "list every rule with its category and default severity",
	Run: func(c *CLI, _ any, _ []string) int {
		tw := tabwriter.NewWriter(c.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "RULE\tCATEGORY\tSEVERITY\tTITLE")
		for _, r := range rules.All() {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, r.Category, r.Severity, r.Title)
		}
		tw.Flush()
		return ExitClean
	},
}

var explainCommand = &Command{
	Name:  "explain",
	Usage: "explain RULE",
	Short: "explain why a rule exists and how to fix its findings",
	Run: func(c *CLI, _ any, args []string) int {
		if len(args) != 1 {
			return c.fail(usageErrorf("explain takes one rule id, e.g. \"git repro explain REPRO-DEP-001\""))
		}
		r := rules.Lookup(args[0])
		if r == nil {
			return c.fail(usageErrorf("unknown rule %q (see \"git repro rules\")", args[0]))
		}
		fmt.Fprintf(c.Stdout, "%s: %s\n\ncategory: %s\ndefault severity: %s\n\n%s\n\nHow to fix:\n%s\n",
			r.ID, r.Title, r.Category, r.Severity, strings.TrimSpace(r.Doc), strings.TrimSpace(r.Remediation))
		return ExitClean
	},
}
