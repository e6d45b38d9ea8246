package main

import (
	"net/url"
	"os"
	"path/filepath"

	"golang.org/x/term"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/report"
)

// render writes a run's findings in the format the user chose.
func render(c *CLI, o *checkOpts, root string, res checks.Result, rules []*checks.Rule) error {
	wr, _ := report.Lookup(o.format) // validated before the run
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(root) + "/"}
	return wr(c.Stdout, res.Findings, report.Options{
		Rules:       rules,
		Files:       res.Files,
		Color:       c.useColor(o.color),
		Summary:     true,
		ToolVersion: buildVersion(),
		SrcRoot:     u.String(),
	})
}

// useColor decides ANSI colour: "always", "never", or "auto" (a terminal,
// and NO_COLOR unset, per no-color.org).
func (c *CLI) useColor(mode string) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	if c.Getenv != nil && c.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := c.Stdout.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
