package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/pflag"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/gitx"
	"github.com/git-repro/git-repro/rules"
	"github.com/git-repro/git-repro/scorecard"
	"github.com/git-repro/git-repro/snapshot"
)

type reportOpts struct {
	base     string
	rev      string
	format   string
	output   string
	maxBytes int
	config   string
	failOn   string
	label    string
}

var reportCommand = &Command{
	Name:  "report",
	Usage: "report [--base REF] [--format text|markdown|json|html]",
	Short: "the reproducibility report: checklist score, findings, and the delta against a base",
	Long: `Print the repository's reproducibility report: a checklist score (pinned
dependencies, seeds, Python version, environment file, Docker, data sources,
sample data, README setup steps, CI, hardware, config files, version control,
model cards, large files in LFS/DVC, secrets, .dockerignore) and every finding
grouped by category.

With --base REF the rules also run on the merge base of REF and the head, and
the report shows the findings that are new, fixed and unchanged (matched by
fingerprint), the score change, and the environment diff: dependencies added,
removed or changed, Python version, Docker base images, LFS/DVC/model artifacts
with their sizes, and model cards touched.

The head is the worktree (committed or not), or the commit --rev names.
Exit status: 0, or 1 with --fail-on when findings (new ones, with --base)
reach that severity; 2 usage or config error; 3 failure.`,
	SetFlags: func(fs *pflag.FlagSet) any {
		o := &reportOpts{}
		fs.Var(revisionFlag{&o.base}, "base", "compare with the merge base of `REF` and the head")
		fs.Var(revisionFlag{&o.rev}, "rev", "report on commit `REV` instead of the worktree")
		fs.StringVarP(&o.format, "format", "f", "text", "output format: text, markdown, json, html")
		fs.StringVarP(&o.output, "output", "o", "", "write to `FILE` instead of standard output")
		fs.IntVar(&o.maxBytes, "max-bytes", 0, "markdown: shorten the report to fit `N` bytes (a PR comment holds 65536)")
		fs.StringVarP(&o.config, "config", "c", "", "configuration `FILE` (default: .repro.yaml at the repository root)")
		fs.StringVar(&o.failOn, "fail-on", "none", "exit 1 when findings (new ones, with --base) reach this severity: error, warning, info, none")
		return o
	},
	Run: runReport,
}

var badgeCommand = &Command{
	Name:  "badge",
	Usage: "badge [-o FILE]",
	Short: "write an SVG badge with the reproducibility score",
	Long: `Write an SVG badge ("reproducibility | 75%") with the checklist score of the
worktree (or of --rev), for a README:

  git repro badge -o .github/repro-badge.svg
  ![reproducibility](.github/repro-badge.svg)`,
	SetFlags: func(fs *pflag.FlagSet) any {
		o := &reportOpts{}
		fs.StringVarP(&o.output, "output", "o", "", "write to `FILE` instead of standard output")
		fs.Var(revisionFlag{&o.rev}, "rev", "score commit `REV` instead of the worktree")
		fs.StringVar(&o.label, "label", "reproducibility", "the badge's left-hand text")
		fs.StringVarP(&o.config, "config", "c", "", "configuration `FILE` (default: .repro.yaml at the repository root)")
		return o
	},
	Run: runBadge,
}

// buildReport evaluates the head (and the merge base with --base).
func buildReport(ctx context.Context, o *reportOpts) (*scorecard.Report, error) {
	cwd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	repo, err := gitx.OpenContext(ctx, cwd)
	if err != nil {
		if errors.Is(err, gitx.ErrNotRepo) {
			return nil, usageErrorf("%v", err)
		}
		return nil, err
	}
	defer repo.Close()
	cfg, err := loadConfig(repo.Root, o.config)
	if err != nil {
		return nil, err
	}
	meta := scorecard.Meta{Version: buildVersion(), Command: reportCommandLine(o)}
	var headTree snapshot.Tree
	headRev := "HEAD"
	if o.rev != "" {
		snap, err := repo.Commit(o.rev)
		if errors.Is(err, gitx.ErrBadRevision) {
			return nil, usageErrorf("--rev: %v", err)
		}
		if err != nil {
			return nil, err
		}
		headTree, headRev = snap, o.rev
	} else {
		headTree = repo.Worktree()
	}
	if h, err := repo.Resolve(headRev); err == nil {
		meta.Commit = h
	}
	head, errs, err := scorecard.Evaluate(headTree, cfg, rules.All())
	if err != nil {
		return nil, err
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("internal error: %w", err)
	}
	var base *scorecard.Side
	if o.base != "" {
		if _, err := repo.Resolve(o.base); errors.Is(err, gitx.ErrBadRevision) {
			return nil, usageErrorf("--base: %v", err)
		} else if err != nil {
			return nil, err
		}
		mb, err := repo.MergeBase(o.base, headRev)
		if err != nil {
			return nil, err
		}
		meta.Base, meta.BaseCommit = o.base, mb
		snap, err := repo.Commit(mb)
		if err != nil {
			return nil, err
		}
		base, errs, err = scorecard.Evaluate(snap, cfg, rules.All())
		if err != nil {
			return nil, err
		}
		if err := errors.Join(errs...); err != nil {
			return nil, fmt.Errorf("internal error: %w", err)
		}
	}
	return scorecard.Build(head, base, meta), nil
}

// reportCommandLine is the command that reproduces this report locally.
func reportCommandLine(o *reportOpts) string {
	s := "git repro report"
	if o.base != "" {
		s += " --base " + o.base
	}
	if o.rev != "" {
		s += " --rev " + o.rev
	}
	return s
}

func runReport(c *CLI, opts any, args []string) int {
	o := opts.(*reportOpts)
	if len(args) > 0 {
		return c.fail(usageErrorf("report takes no arguments"))
	}
	switch o.format {
	case "text", "markdown", "md", "json", "html":
	default:
		return c.fail(usageErrorf("unknown --format %q (valid: text, markdown, json, html)", o.format))
	}
	failOn, err := checks.ParseSeverity(o.failOn)
	if err != nil {
		return c.fail(usageErrorf("--fail-on: %v", err))
	}
	r, err := buildReport(c.ctx(), o)
	if err != nil {
		return c.fail(err)
	}
	var buf bytes.Buffer
	switch o.format {
	case "text":
		err = r.Text(&buf)
	case "markdown", "md":
		buf.WriteString(r.Markdown(scorecard.MarkdownOptions{MaxBytes: o.maxBytes}))
	case "json":
		err = r.WriteJSON(&buf)
	case "html":
		err = r.HTML(&buf)
	}
	if err != nil {
		return c.fail(err)
	}
	if err := writeOutput(c, o.output, buf.Bytes()); err != nil {
		return c.fail(err)
	}
	gate := r.Findings
	if r.Delta != nil {
		gate = r.Delta.New
	}
	if failOn != checks.SeverityNone {
		for _, f := range gate {
			if f.Severity >= failOn {
				return ExitFindings
			}
		}
	}
	return ExitClean
}

func runBadge(c *CLI, opts any, args []string) int {
	o := opts.(*reportOpts)
	if len(args) > 0 {
		return c.fail(usageErrorf("badge takes no arguments"))
	}
	r, err := buildReport(c.ctx(), o)
	if err != nil {
		return c.fail(err)
	}
	if err := writeOutput(c, o.output, scorecard.Badge(r.Score.Percent, scorecard.BadgeOptions{Label: o.label})); err != nil {
		return c.fail(err)
	}
	if o.output != "" {
		fmt.Fprintf(c.Stderr, "git-repro: wrote %s (score %d%%)\n", o.output, r.Score.Percent)
	}
	return ExitClean
}

func writeOutput(c *CLI, file string, data []byte) error {
	if file == "" || file == "-" {
		_, err := c.Stdout.Write(data)
		return err
	}
	if strings.HasSuffix(file, "/") {
		return usageErrorf("--output %q is a directory", file)
	}
	return os.WriteFile(file, data, 0o644)
}
