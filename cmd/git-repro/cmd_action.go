package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/git-repro/git-repro/action"
	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/gitx"
	"github.com/git-repro/git-repro/rules"
)

type actionOpts struct {
	failOn        string
	comment       string
	sarifFile     string
	sarifCategory string
	config        string
	baseRef       string
	reportPath    string
	key           string
	eventPath     string
	remote        string
}

var actionCommand = &Command{
	Name:  "action",
	Usage: "action [flags]",
	Short: "run inside a GitHub Actions job: report on the pull request, comment, annotate",
	Long: `Run the reproducibility report inside a GitHub Actions job (action.yml runs
this). It reads the event (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH): for
pull_request and pull_request_target it compares pull_request.head.sha with its
merge base with pull_request.base.sha; for push, "after" with "before"; for
workflow_dispatch, GITHUB_SHA with --base-ref. A shallow checkout is deepened
as far as the merge base needs.

It then posts or updates one sticky comment on the pull request (GITHUB_TOKEN,
GITHUB_API_URL), annotates the new findings, writes the full report to the job
summary, the SARIF file and the JSON report, and the step outputs score,
new-findings, fixed-findings, comment-url and report-path.

A token that may not comment (a fork's pull request) is not an error: the
report goes to the job summary and annotations. The exit status follows
--fail-on alone: 1 when new findings (all findings without a base) reach it,
whatever happened to the comment; 2 usage error; 3 failure.

The token is read from GITHUB_TOKEN, never from a flag, and is redacted from
everything the command prints.`,
	SetFlags: func(fs *pflag.FlagSet) any {
		o := &actionOpts{}
		fs.StringVar(&o.failOn, "fail-on", "error", "exit 1 when new findings reach this severity: error, warning, info, none")
		fs.StringVar(&o.comment, "comment", action.ModeUpdate, "pull-request comment: update (edit in place), recreate (move to the bottom), off")
		fs.StringVar(&o.sarifFile, "sarif-file", "", "write the head's findings as SARIF to `FILE` (relative to $GITHUB_WORKSPACE; for github/codeql-action/upload-sarif)")
		fs.StringVar(&o.sarifCategory, "sarif-category", "git-repro", "SARIF run category (one per upload)")
		fs.StringVarP(&o.config, "config", "c", "", "configuration `FILE` (default: .repro.yaml at the repository root)")
		fs.StringVar(&o.baseRef, "base-ref", "", "compare with `REF` instead of the event's base (required for a base on workflow_dispatch)")
		fs.StringVar(&o.reportPath, "report-path", "", "write the JSON report to `FILE` (default: $RUNNER_TEMP/git-repro/report.json)")
		fs.StringVar(&o.key, "key", "", "report key, one sticky comment per key (default: the directory relative to the repository root)")
		fs.StringVar(&o.eventPath, "event-path", "", "event payload `FILE` (default: $GITHUB_EVENT_PATH); on workflow_run, the pull_request payload the first stage saved")
		fs.StringVar(&o.remote, "remote", "origin", "remote to fetch missing history from")
		return o
	},
	Run: runAction,
}

func runAction(c *CLI, opts any, args []string) int {
	o := opts.(*actionOpts)
	getenv := c.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	token := getenv("GITHUB_TOKEN")
	stdout, stderr := action.NewRedactor(c.Stdout, token), action.NewRedactor(c.Stderr, token)
	defer stdout.Flush()
	defer stderr.Flush()
	rc := &CLI{Stdin: c.Stdin, Stdout: stdout, Stderr: stderr, Getenv: getenv, Ctx: c.Ctx}
	return rc.action(o, args, token, stdout.Redact)
}

func (c *CLI) action(o *actionOpts, args []string, token string, redact func(string) string) int {
	if len(args) > 0 {
		return c.fail(usageErrorf("action takes no arguments"))
	}
	switch o.comment {
	case action.ModeUpdate, action.ModeRecreate, action.ModeOff:
	default:
		return c.fail(usageErrorf("--comment %q: valid values are update, recreate, off", o.comment))
	}
	failOn, err := checks.ParseSeverity(o.failOn)
	if err != nil {
		return c.fail(usageErrorf("--fail-on: %v", err))
	}
	env := action.LoadEnv(c.Getenv)
	// The second stage of the fork pattern runs on workflow_run with the
	// pull_request payload the first stage saved. That file was written by
	// untrusted code: its head must be the one GitHub ran the first stage on.
	trustedHead := ""
	if env.EventName == action.EventWorkflowRun {
		if o.eventPath == "" {
			return c.fail(usageErrorf("on workflow_run, pass the pull_request event the first stage saved with --event-path (the action's event-path input)"))
		}
		data, err := os.ReadFile(env.EventPath)
		if err == nil {
			trustedHead, err = action.WorkflowRunHead(data)
		}
		if err != nil {
			return c.fail(usageErrorf("%v", err))
		}
		env.EventName = action.EventPullRequest
	}
	if o.eventPath != "" {
		env.EventPath = o.eventPath
		if ws := c.Getenv("GITHUB_WORKSPACE"); ws != "" && !filepath.IsAbs(o.eventPath) {
			env.EventPath = filepath.Join(ws, o.eventPath)
		}
	}
	ev, err := action.ReadEvent(env)
	if err != nil {
		return c.fail(usageErrorf("%v", err))
	}
	if trustedHead != "" && ev.HeadSHA != trustedHead {
		return c.fail(usageErrorf("the saved event's head %s is not workflow_run.head_sha %s: refusing to report on it", ev.HeadSHA, trustedHead))
	}
	cwd, err := os.Getwd()
	if err != nil {
		return c.fail(err)
	}
	repo, err := gitx.OpenContext(c.ctx(), cwd)
	if err != nil {
		return c.fail(usageErrorf("%v (check the repository out first: actions/checkout)", err))
	}
	root := repo.Root
	repo.Close()
	fmt.Fprintf(c.Stdout, "git-repro: %s\n", ev)
	if ev.Name == action.EventPullRequestTarget {
		fmt.Fprintln(c.Stdout, "git-repro: pull_request_target: the pull request's commits are read as data from git objects, never run; no other step of this job should run them either")
	}

	// One timeout for the whole run: it also kills a git fetch that stalls.
	ctx, cancel := context.WithTimeout(c.ctx(), 10*time.Minute)
	defer cancel()
	base, baseName := ev.BaseSHA, ev.BaseRef
	if o.baseRef != "" {
		if base, err = action.ResolveBase(ctx, root, o.remote, o.baseRef); err != nil {
			if errors.Is(err, gitx.ErrBadRevision) {
				return c.fail(usageErrorf("--base-ref: %v", err))
			}
			return c.fail(err)
		}
		baseName = o.baseRef
	}
	var prRef []string
	if ev.IsPullRequest() {
		prRef = []string{fmt.Sprintf("+refs/pull/%d/head:refs/remotes/%s/pr/%d", ev.Number, o.remote, ev.Number)}
	}
	if err := action.EnsureHistory(ctx, root, o.remote, base, ev.HeadSHA, c.Stdout, prRef...); err != nil {
		return c.fail(err)
	}
	r, err := buildReport(ctx, &reportOpts{base: base, rev: ev.HeadSHA, config: o.config})
	if err != nil {
		return c.fail(err)
	}
	// Name the base as people do, and say how to get this report locally.
	r.Meta.Base = baseName
	local := "git repro report --rev " + ev.HeadSHA[:12]
	if base != "" {
		b := baseName
		if ev.IsPullRequest() && o.baseRef == "" {
			b = o.remote + "/" + ev.BaseRef
		}
		local = "git repro report --base " + b + " --rev " + ev.HeadSHA[:12]
	}
	r.Meta.Command = local

	key := o.key
	if key == "" {
		if rel, err := filepath.Rel(root, cwd); err == nil && rel != "." && !strings.HasPrefix(rel, "..") {
			key = filepath.ToSlash(rel)
		}
	}
	// sarif-file is relative to the workspace, where the upload step looks
	// for it, whatever the working directory.
	sarifFile := o.sarifFile
	if ws := c.Getenv("GITHUB_WORKSPACE"); sarifFile != "" && ws != "" && !filepath.IsAbs(sarifFile) {
		sarifFile = filepath.Join(ws, sarifFile)
	}
	reportPath := o.reportPath
	if reportPath == "" && env.RunnerTemp != "" {
		reportPath = filepath.Join(env.RunnerTemp, "git-repro", "report.json")
	}
	s := action.Settings{
		Env: env, Event: ev, Comment: o.comment, Key: key,
		SARIFFile: sarifFile, SARIFCategory: o.sarifCategory, ReportPath: reportPath,
		HeadTime: action.CommitTime(ctx, root, ev.HeadSHA), Ancestry: action.GitAncestry(ctx, root),
		Log: c.Stdout, Redact: redact, Rules: rules.All(),
	}
	if token != "" && ev.IsPullRequest() && o.comment != action.ModeOff {
		client, err := action.NewClient(token, env.APIURL)
		if err != nil {
			return c.fail(err)
		}
		client.Logf = func(format string, args ...any) { fmt.Fprintf(c.Stderr, "git-repro: "+format+"\n", args...) }
		s.Client = client
	}
	if trustedHead != "" && s.Client != nil {
		// The saved event also names the pull request: comment only if
		// that pull request's head is the commit reported on.
		owner, name, err := env.OwnerRepo()
		prHead := ""
		if err == nil {
			prHead, err = s.Client.PullHead(ctx, owner, name, ev.Number)
		}
		if err != nil || prHead != ev.HeadSHA {
			why := fmt.Sprintf("its head is %s", short(prHead))
			if err != nil {
				why = err.Error()
			}
			fmt.Fprintf(c.Stdout, "::warning title=git-repro::not commenting on pull request #%d: %s, not the reported commit %s\n", ev.Number, why, short(ev.HeadSHA))
			s.Client = nil
			s.Comment = action.ModeOff
		}
	}
	out, err := action.Publish(ctx, r, s)
	fmt.Fprintln(c.Stdout, r.StatusLine())
	if err != nil {
		// A file the workflow asked for (SARIF, outputs) is missing: the
		// next steps would fail in a more confusing way.
		return c.fail(err)
	}
	if out.Annotations.Omitted > 0 {
		fmt.Fprintf(c.Stdout, "git-repro: %d annotation(s) written, %d more finding(s) in the job summary\n", out.Annotations.Written, out.Annotations.Omitted)
	}
	if bad := action.Failing(r, failOn); len(bad) > 0 {
		what := "new finding(s)"
		if r.Delta == nil {
			what = "finding(s)"
		}
		fmt.Fprintf(c.Stderr, "git-repro: %d %s at or above %q (fail-on)\n", len(bad), what, failOn.String())
		return ExitFindings
	}
	return ExitClean
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}
