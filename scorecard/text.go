package scorecard

import (
	"fmt"
	"io"
	"strings"

	"github.com/git-repro/git-repro/checks"
)

// Text writes the report for a terminal.
func (r *Report) Text(w io.Writer) error {
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	score := fmt.Sprintf("%d%% (%d of %d checklist items)", r.Score.Percent, r.Score.Passed, r.Score.Applicable)
	if r.BaseScore != nil {
		score += fmt.Sprintf(", %s vs %s (%d%%)", signed(r.Score.Percent-r.BaseScore.Percent), r.baseNamePlain(), r.BaseScore.Percent)
	}
	p("Reproducibility score: %s\n\n", score)
	was := map[string]Status{}
	for _, it := range r.BaseChecklist {
		was[it.ID] = it.Status
	}
	for _, it := range r.Checklist {
		mark := map[Status]string{Pass: "[x]", Fail: "[ ]", NA: "[-]"}[it.Status]
		line := fmt.Sprintf("  %s %-31s %s", mark, it.Title, it.Detail)
		if old, ok := was[it.ID]; ok && old != it.Status {
			line += fmt.Sprintf(" (was %s)", old)
		}
		p("%s\n", strings.TrimRight(line, " "))
	}
	if r.Delta != nil {
		textFindings(&b, "New findings", r.Delta.New)
		textFindings(&b, "Fixed findings", r.Delta.Fixed)
		if n := len(r.Delta.Unchanged); n > 0 {
			p("\n%s (use --format markdown or json to list them)\n", plural(n, "unchanged finding", "unchanged findings"))
		}
		r.textEnv(&b)
	} else {
		textFindings(&b, "Findings", r.Findings)
	}
	if r.Meta.Commit != "" {
		p("\ncommit %s", short(r.Meta.Commit))
		if r.Meta.BaseCommit != "" {
			p(" vs merge base %s", short(r.Meta.BaseCommit))
		}
		p("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (r *Report) baseNamePlain() string {
	if r.Meta.Base != "" {
		return r.Meta.Base
	}
	return "base"
}

func textFindings(b *strings.Builder, title string, fs []checks.Finding) {
	fmt.Fprintf(b, "\n%s (%d)\n", title, len(fs))
	for _, g := range groupByCategory(fs) {
		fmt.Fprintf(b, "  %s\n", g[0].Category)
		for _, f := range g {
			fmt.Fprintf(b, "    %s: %s\n", f.Severity, f.String())
		}
	}
}

func (r *Report) textEnv(b *strings.Builder) {
	e := r.Env
	if e.Empty() {
		b.WriteString("\nEnvironment: unchanged\n")
		return
	}
	b.WriteString("\nEnvironment changes\n")
	arrow := func(before, after string) string {
		if before == "" {
			before = "-"
		}
		if after == "" {
			after = "-"
		}
		return before + " -> " + after
	}
	for _, d := range e.Deps {
		bf, af := d.Before, d.After
		if d.Change != Added && bf == "" {
			bf = "any"
		}
		if d.Change != Removed && af == "" {
			af = "any"
		}
		fmt.Fprintf(b, "  dependency %s (%s): %s %s\n", d.Name, d.File, d.Change, arrow(bf, af))
	}
	for _, v := range e.Python {
		fmt.Fprintf(b, "  python %s: %s %s\n", v.Source, v.Change, arrow(v.Before, v.After))
	}
	for _, v := range e.BaseImages {
		fmt.Fprintf(b, "  base image %s: %s %s\n", v.Source, v.Change, arrow(v.Before, v.After))
	}
	for _, a := range e.Artifacts {
		fmt.Fprintf(b, "  artifact %s (%s): %s %s\n", a.Path, storeName(a.Kind), a.Change, arrow(sizeCell(a.BeforeSize), sizeCell(a.AfterSize)))
	}
	for _, c := range e.ModelCards {
		fmt.Fprintf(b, "  model card %s: %s\n", c.Path, c.Change)
	}
}
