package action

import (
	"fmt"
	"io"

	"github.com/git-repro/git-repro/checks"
	"github.com/git-repro/git-repro/report"
)

// AnnotationLimits are the runner's caps on workflow-command annotations:
// 10 errors and 10 warnings per step, 50 annotations per job. Notices
// are kept to 10 a step as well.
type AnnotationLimits struct {
	Errors, Warnings, Notices int // per step
	Total                     int // what is left of the job's 50
}

// DefaultLimits are GitHub's.
var DefaultLimits = AnnotationLimits{Errors: 10, Warnings: 10, Notices: 10, Total: 50}

// AnnotationResult counts what Annotate wrote.
type AnnotationResult struct {
	Written int
	Omitted int // findings not annotated
}

// Annotate writes one workflow command per finding (errors first, in the
// findings' order within a severity) within the limits; when some do not
// fit, the last annotation is a notice saying how many and where the rest
// are (more, e.g. the job summary's link). Annotations are escaped by
// package report.
func Annotate(w io.Writer, findings []checks.Finding, rules []*checks.Rule, lim AnnotationLimits, more string) (AnnotationResult, error) {
	var by [3][]checks.Finding // error, warning, info
	for _, f := range findings {
		switch f.Severity {
		case checks.Error:
			by[0] = append(by[0], f)
		case checks.Warning:
			by[1] = append(by[1], f)
		default:
			by[2] = append(by[2], f)
		}
	}
	caps := [3]int{lim.Errors, lim.Warnings, lim.Notices}
	total := lim.Total
	fits := func() bool {
		n := 0
		for i := range by {
			if len(by[i]) > caps[i] {
				return false
			}
			n += len(by[i])
		}
		return n <= total
	}
	overflow := !fits()
	if overflow {
		// Keep a slot for the overflow notice.
		caps[2]--
		total--
	}
	var res AnnotationResult
	opts := report.Options{Rules: rules}
	for i := range by {
		for _, f := range by[i] {
			if caps[i] <= 0 || total <= 0 {
				res.Omitted++
				continue
			}
			if err := report.GitHub(w, []checks.Finding{f}, opts); err != nil {
				return res, err
			}
			caps[i]--
			total--
			res.Written++
		}
	}
	if overflow && res.Omitted > 0 && lim.Total > 0 && lim.Notices > 0 {
		msg := fmt.Sprintf("%d more finding(s) are not annotated: GitHub shows at most %d errors and %d warnings per step and %d annotations per job", res.Omitted, lim.Errors, lim.Warnings, 50)
		if more != "" {
			msg += "; every finding is in " + more
		}
		fmt.Fprintf(w, "::notice title=%s::%s\n", report.EscapeProperty("git-repro: more findings"), report.EscapeData(msg))
		res.Written++
	}
	return res, nil
}
