package action

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/report"
	"github.com/git-repro/git-repro/scorecard"
)

// Settings configure Publish.
type Settings struct {
	Env   Env
	Event *Event
	// Client talks to the API; nil means no comment (no token).
	Client *Client
	// Comment is ModeUpdate (default), ModeRecreate or ModeOff.
	Comment string
	// Key tells apart several reports on one pull request.
	Key string
	// SARIFFile, when set, receives the head's findings as SARIF 2.1.0
	// with SARIFCategory (default "git-repro").
	SARIFFile     string
	SARIFCategory string
	// ReportPath, when set, receives the report's JSON.
	ReportPath string
	// HeadTime is the head commit's committer time (Unix seconds).
	HeadTime int64
	// Ancestry orders reports of related heads (nil: by HeadTime only).
	Ancestry Ancestry
	// Rules is the rule metadata for SARIF and annotation titles: the
	// registry's rules (rules.All()).
	Rules []*checks.Rule
	// Log receives workflow commands and progress lines; the caller
	// redacts it.
	Log io.Writer
	// Limits for annotations (zero: DefaultLimits).
	Limits AnnotationLimits
	// Redact, when set, is applied to everything written: files, the
	// summary, outputs and the comment (the token must never leak into
	// them, even through an error message).
	Redact func(string) string
}

// Outcome is what Publish did.
type Outcome struct {
	Body        string // the comment body (posted or not)
	Marker      Marker
	Comment     UpsertResult
	CommentErr  error // a failure to post (never fails the step)
	Fallback    bool  // the token may not comment: summary and annotations only
	Annotations AnnotationResult
	Outputs     []Output
}

// Annotated returns the findings that get annotations: the new ones when
// there is a base, else all.
func Annotated(r *scorecard.Report) []checks.Finding {
	if r.Delta != nil {
		return r.Delta.New
	}
	return r.Findings
}

// Failing returns the findings at or above failOn that decide the exit
// code: new findings with a base, all findings without.
func Failing(r *scorecard.Report, failOn checks.Severity) []checks.Finding {
	if failOn == checks.SeverityNone {
		return nil
	}
	var out []checks.Finding
	for _, f := range Annotated(r) {
		if f.Severity >= failOn {
			out = append(out, f)
		}
	}
	return out
}

// digestOf hashes a body with the run-specific link neutralised.
func digestOf(body, runURL string) string {
	if runURL != "" {
		body = strings.ReplaceAll(body, runURL, "RUN")
	}
	sum := sha256.Sum256([]byte(body))
	return hex.EncodeToString(sum[:12])
}

// summaryRef is how the comment points to the job summary.
func summaryRef(runURL string) string {
	if runURL == "" {
		return "the job summary of this workflow run"
	}
	return "the [job summary](" + runURL + ")"
}

// CommentBody renders the sticky comment: the marker, the report degraded
// to fit CommentLimit (unchanged findings dropped first, then the lists
// cut, then status and counts only), and a link to the job summary.
func CommentBody(r *scorecard.Report, key, runURL string, headTime int64) (string, Marker) {
	if key == "" {
		key = DefaultKey
	}
	m := Marker{Key: key, Version: r.Meta.Version, Head: r.Meta.Commit, HeadTime: headTime, Score: r.Score.Percent}
	if r.Delta != nil {
		m.New, m.Fixed, m.Unchanged = len(r.Delta.New), len(r.Delta.Fixed), len(r.Delta.Unchanged)
	} else {
		m.New = len(r.Findings)
	}
	link := "\n<sub>Full report with every finding: " + summaryRef(runURL) + ".</sub>\n"
	// The marker's length is fixed but for the digest's content; reserve
	// room for the largest counts.
	room := len(Marker{Key: key, Version: m.Version, Head: m.Head, HeadTime: headTime, Digest: strings.Repeat("0", 24),
		New: 1 << 40, Fixed: 1 << 40, Unchanged: 1 << 40, Score: 100}.String()) + 1
	md := r.Markdown(scorecard.MarkdownOptions{MaxBytes: CommentLimit - room - len(link) - 16, FullReport: summaryRef(runURL)})
	content := md + link
	m.Digest = digestOf(content, runURL)
	return m.String() + "\n" + content, m
}

// Publish reports r to GitHub: the JSON report and SARIF files, the
// annotations, the sticky comment, the job summary and the outputs. A
// comment that cannot be posted is reported in the log and the summary,
// never as an error: only failing to write the files the workflow asked
// for is.
func Publish(ctx context.Context, r *scorecard.Report, s Settings) (*Outcome, error) {
	log := s.Log
	if log == nil {
		log = io.Discard
	}
	out := &Outcome{}
	red := s.Redact
	if red == nil {
		red = func(s string) string { return s }
	}
	runURL := s.Env.RunURL()
	out.Body, out.Marker = CommentBody(r, s.Key, runURL, s.HeadTime)
	out.Body = red(out.Body)

	var fileErrs []error
	if s.ReportPath != "" {
		var b bytes.Buffer
		if err := r.WriteJSON(&b); err == nil {
			err = WriteFile(s.ReportPath, []byte(red(b.String())))
			if err != nil {
				fileErrs = append(fileErrs, fmt.Errorf("report: %w", err))
			}
		}
	}
	if s.SARIFFile != "" {
		var b bytes.Buffer
		cat := s.SARIFCategory
		if cat == "" {
			cat = "git-repro"
		}
		err := report.SARIF(&b, r.Findings, report.Options{Rules: s.Rules, ToolVersion: r.Meta.Version, SARIFCategory: cat})
		if err == nil {
			err = WriteFile(s.SARIFFile, []byte(red(b.String())))
		}
		if err != nil {
			fileErrs = append(fileErrs, fmt.Errorf("sarif-file: %w", err))
		} else {
			fmt.Fprintf(log, "git-repro: wrote %s (%d results, category %q)\n", s.SARIFFile, len(r.Findings), cat)
		}
	}

	lim := s.Limits
	if lim == (AnnotationLimits{}) {
		lim = DefaultLimits
	}
	ann, err := Annotate(log, Annotated(r), s.Rules, lim, summaryRefPlain(runURL))
	out.Annotations = ann
	if err != nil {
		fileErrs = append(fileErrs, err)
	}

	var notice string
	mode := s.Comment
	if mode == "" {
		mode = ModeUpdate
	}
	if s.Event != nil && s.Event.IsPullRequest() && mode != ModeOff {
		if s.Client == nil {
			notice = "no token, so no pull-request comment"
			out.Fallback = true
		} else {
			owner, repo, err := s.Env.OwnerRepo()
			if err == nil {
				out.Comment, err = Upsert(ctx, s.Client, Target{Owner: owner, Repo: repo, Number: s.Event.Number}, out.Marker, out.Body, mode, s.Ancestry)
			}
			switch {
			case err == nil:
				fmt.Fprintf(log, "git-repro: %s\n", out.Comment)
			case IsForbidden(err):
				out.Fallback = true
				why := "the token may not comment on pull requests"
				if s.Event.Fork {
					why = "a pull request from a fork gets a read-only token"
				}
				notice = fmt.Sprintf("cannot comment on pull request #%d (%s: %s); the report is in the job summary and the annotations. To comment on fork pull requests, use the two-stage workflow_run pattern in the docs", s.Event.Number, why, shortErr(err))
			default:
				out.CommentErr = err
				notice = fmt.Sprintf("could not post the report comment on pull request #%d: %s; the report is in the job summary", s.Event.Number, shortErr(err))
			}
		}
	}
	notice = red(notice)
	if notice != "" {
		cmd := "notice"
		if out.CommentErr != nil {
			cmd = "warning"
		}
		fmt.Fprintf(log, "::%s title=%s::%s\n", cmd, report.EscapeProperty("git-repro: report comment"), report.EscapeData(notice))
	}

	if s.Env.Summary != "" {
		var sb strings.Builder
		if notice != "" {
			sb.WriteString("> [!NOTE]\n> " + strings.ReplaceAll(notice, "\n", " ") + "\n\n")
		}
		sb.WriteString(r.Markdown(scorecard.MarkdownOptions{MaxBytes: SummaryLimit - sb.Len() - 16, FullReport: "`git repro report` run locally"}))
		if err := AppendSummary(s.Env.Summary, red(sb.String())); err != nil {
			fileErrs = append(fileErrs, fmt.Errorf("job summary: %w", err))
		}
	}

	out.Outputs = []Output{
		{"score", strconv.Itoa(r.Score.Percent)},
		{"new-findings", strconv.Itoa(out.Marker.New)},
		{"fixed-findings", strconv.Itoa(out.Marker.Fixed)},
		{"comment-url", out.Comment.URL},
		{"report-path", s.ReportPath},
	}
	for i := range out.Outputs {
		out.Outputs[i].Value = red(out.Outputs[i].Value)
	}
	if err := WriteOutputs(s.Env.Output, out.Outputs); err != nil {
		fileErrs = append(fileErrs, fmt.Errorf("outputs: %w", err))
	}
	return out, errors.Join(fileErrs...)
}

func summaryRefPlain(runURL string) string {
	if runURL == "" {
		return "the job summary"
	}
	return "the job summary: " + runURL
}
