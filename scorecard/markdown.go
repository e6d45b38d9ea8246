package scorecard

import (
	"fmt"
	"strings"

	"github.com/git-repro/git-repro/internal/bytesize"

	"github.com/git-repro/git-repro/checks"
)

// MarkdownOptions tunes the markdown report.
type MarkdownOptions struct {
	// MaxBytes bounds the output (a GitHub comment holds 65,536
	// characters). 0 means no limit. Over budget, the report drops the
	// unchanged findings, then shortens the lists, then keeps only the
	// status and counts and points to FullReport.
	MaxBytes int
	// FullReport says where the complete report is ("the job summary",
	// or a URL); used when details are cut.
	FullReport string
	// Title replaces "Reproducibility" in the status line.
	Title string
	// Marker, when set, is written first as an HTML comment
	// ("<!-- git-repro-report -->") so a sticky comment can be found
	// again; it counts towards MaxBytes.
	Marker string
}

// detail levels for the size budget, most detailed first.
type mdLimits struct {
	findings   int  // per list
	unchanged  bool // list unchanged findings
	envRows    int  // per env table
	checklist  bool // full checklist table
	statusOnly bool
}

// noLimit lists every entry.
const noLimit = 1 << 30

var mdLevels = []mdLimits{
	// Everything; then without the unchanged findings; only then are
	// lists cut, and last the report shrinks to its status and counts.
	{findings: noLimit, unchanged: true, envRows: noLimit, checklist: true},
	{findings: noLimit, unchanged: false, envRows: noLimit, checklist: true},
	{findings: 100, envRows: 100, checklist: true},
	{findings: 30, envRows: 30, checklist: true},
	{findings: 10, envRows: 10, checklist: false},
	{findings: 3, envRows: 3, checklist: false},
	{statusOnly: true},
}

// Markdown renders the report for a pull-request comment or a job
// summary: status line first, then counts, new findings (open), fixed and
// unchanged (collapsed), the environment diff, the checklist and a footer.
func (r *Report) Markdown(o MarkdownOptions) string {
	var out string
	for i, lv := range mdLevels {
		out = r.markdown(o, lv, i > 0)
		if o.MaxBytes <= 0 || len(out) <= o.MaxBytes {
			return out
		}
	}
	if len(out) > o.MaxBytes { // a tiny budget: cut at a rune boundary
		out = strings.ToValidUTF8(out[:o.MaxBytes], "")
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// StatusLine is the one-line summary in markdown (the comment's first
// line, without the heading marks).
func (r *Report) StatusLine() string { return r.statusLine(true) }

// StatusText is StatusLine as plain text (for a check-run title, a
// terminal, HTML).
func (r *Report) StatusText() string { return r.statusLine(false) }

func (r *Report) statusLine(md bool) string {
	title := "Reproducibility"
	score := fmt.Sprintf("score %d%%", r.Score.Percent)
	if r.BaseScore != nil {
		base := r.baseNamePlain()
		if md {
			base = r.baseName()
		}
		score += fmt.Sprintf(" (%s vs %s)", signed(r.Score.Percent-r.BaseScore.Percent), base)
	}
	if r.Delta != nil {
		nc := countOf(r.Delta.New)
		icon, what := "✅", "no new problems"
		if nc.Total > 0 {
			icon, what = "❌", plural(nc.Total, "new problem", "new problems")
			if nc.Error == 0 {
				icon = "⚠️"
			}
		}
		s := fmt.Sprintf("%s %s: %s · %s", icon, title, what, score)
		if n := len(r.Delta.Fixed); n > 0 {
			s += fmt.Sprintf(" · %d fixed", n)
		}
		return s
	}
	c := countOf(r.Findings)
	icon, what := "✅", "no problems found"
	if c.Total > 0 {
		icon, what = "❌", plural(c.Total, "problem", "problems")
		if c.Error == 0 {
			icon = "⚠️"
		}
	}
	return fmt.Sprintf("%s %s: %s · %s", icon, title, what, score)
}

func signed(n int) string {
	switch {
	case n > 0:
		return fmt.Sprintf("+%d", n)
	case n < 0:
		return fmt.Sprintf("−%d", -n) // a real minus sign reads better
	}
	return "±0"
}

func (r *Report) baseName() string {
	if r.Meta.Base != "" {
		return "`" + r.Meta.Base + "`"
	}
	return "base"
}

func (r *Report) markdown(o MarkdownOptions, lv mdLimits, cut bool) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	if o.Marker != "" {
		w("<!-- %s -->\n", strings.ReplaceAll(o.Marker, "--", "- -"))
	}
	status := r.StatusLine()
	if o.Title != "" {
		status = strings.Replace(status, "Reproducibility", o.Title, 1)
	}
	w("### %s\n\n", status)
	r.mdCounts(&b)
	if lv.statusOnly {
		w("\nThe full report does not fit here: see %s.\n", fullReport(o))
		r.mdFooter(&b)
		return b.String()
	}
	if r.Delta != nil {
		r.mdFindings(&b, "New findings", r.Delta.New, true, lv.findings, o)
		r.mdFindings(&b, "Fixed findings", r.Delta.Fixed, false, lv.findings, o)
		if lv.unchanged {
			r.mdFindings(&b, "Unchanged findings", r.Delta.Unchanged, false, lv.findings, o)
		} else if n := len(r.Delta.Unchanged); n > 0 {
			w("%s not listed (see %s).\n\n", plural(n, "unchanged finding", "unchanged findings"), fullReport(o))
		}
		r.mdEnv(&b, lv.envRows, o)
	} else {
		r.mdFindings(&b, "Findings", r.Findings, true, lv.findings, o)
	}
	r.mdChecklist(&b, lv.checklist)
	if cut {
		w("<sub>Details were shortened to fit; the full report is in %s.</sub>\n\n", fullReport(o))
	}
	r.mdFooter(&b)
	return b.String()
}

func fullReport(o MarkdownOptions) string {
	if o.FullReport != "" {
		return o.FullReport
	}
	return "the job summary"
}

func (r *Report) mdCounts(b *strings.Builder) {
	if r.Delta != nil {
		n, f, u := countOf(r.Delta.New), countOf(r.Delta.Fixed), countOf(r.Delta.Unchanged)
		b.WriteString("| Findings | Errors | Warnings | Info | Total |\n|---|---:|---:|---:|---:|\n")
		for _, row := range []struct {
			name string
			c    Counts
		}{{"New", n}, {"Fixed", f}, {"Unchanged", u}} {
			fmt.Fprintf(b, "| %s | %d | %d | %d | %d |\n", row.name, row.c.Error, row.c.Warning, row.c.Info, row.c.Total)
		}
		fmt.Fprintf(b, "| **Score** | | | | **%d%%** (%d/%d, was %d%%) |\n\n", r.Score.Percent, r.Score.Passed, r.Score.Applicable, r.BaseScore.Percent)
		return
	}
	b.WriteString("| Category | Errors | Warnings | Info | Total |\n|---|---:|---:|---:|---:|\n")
	total := countOf(r.Findings)
	for _, g := range groupByCategory(r.Findings) {
		c := countOf(g)
		fmt.Fprintf(b, "| %s | %d | %d | %d | %d |\n", g[0].Category, c.Error, c.Warning, c.Info, c.Total)
	}
	fmt.Fprintf(b, "| **All** | **%d** | **%d** | **%d** | **%d** |\n", total.Error, total.Warning, total.Info, total.Total)
	fmt.Fprintf(b, "| **Score** | | | | **%d%%** (%d/%d) |\n\n", r.Score.Percent, r.Score.Passed, r.Score.Applicable)
}

func (r *Report) mdFindings(b *strings.Builder, title string, fs []checks.Finding, open bool, max int, o MarkdownOptions) {
	if len(fs) == 0 {
		return
	}
	attr := ""
	if open {
		attr = " open"
	}
	fmt.Fprintf(b, "<details%s><summary><b>%s (%d)</b></summary>\n\n", attr, title, len(fs))
	shown := fs
	if len(shown) > max {
		shown = shown[:max]
	}
	for _, g := range groupByCategory(shown) {
		fmt.Fprintf(b, "**%s**\n\n", g[0].Category)
		for _, f := range g {
			loc := f.Path
			if f.Line > 0 {
				loc += fmt.Sprintf(":%d", f.Line)
			}
			fmt.Fprintf(b, "- %s `%s` %s <sub>%s</sub>\n", sevIcon(f.Severity), mdCode(loc), mdText(f.Message), f.Rule)
		}
		b.WriteString("\n")
	}
	if len(fs) > len(shown) {
		fmt.Fprintf(b, "…and %d more (see %s).\n\n", len(fs)-len(shown), fullReport(o))
	}
	if open && len(shown) > 0 {
		b.WriteString("Why and how to fix: " + explainList(shown) + "\n\n")
	}
	b.WriteString("</details>\n\n")
}

// explainList names the explain command of each rule once.
func explainList(fs []checks.Finding) string {
	seen := map[string]bool{}
	var parts []string
	for _, f := range fs {
		if !seen[f.Rule] {
			seen[f.Rule] = true
			parts = append(parts, "`git repro explain "+f.Rule+"`")
		}
	}
	return strings.Join(parts, " · ")
}

func sevIcon(s checks.Severity) string {
	switch s {
	case checks.Error:
		return "🔴"
	case checks.Warning:
		return "🟡"
	}
	return "🔵"
}

func statusIcon(s Status) string {
	switch s {
	case Pass:
		return "✅"
	case Fail:
		return "❌"
	}
	return "➖"
}

func (r *Report) mdEnv(b *strings.Builder, max int, o MarkdownOptions) {
	e := r.Env
	if e.Empty() {
		b.WriteString("**Environment:** no dependency, Python, base image, artifact or model card changes.\n\n")
		return
	}
	b.WriteString("#### Environment changes\n\n")
	more := func(n int) {
		if n > max {
			fmt.Fprintf(b, "\n…and %d more (see %s).\n", n-max, fullReport(o))
		}
		b.WriteString("\n")
	}
	if len(e.Deps) > 0 {
		b.WriteString("| Dependency | File | Change | Before | After |\n|---|---|---|---|---|\n")
		for i, d := range e.Deps {
			if i == max {
				break
			}
			fmt.Fprintf(b, "| `%s` | %s | %s | %s | %s |\n", mdCode(d.Name), mdText(d.File), d.Change, specCell(d.Before, d.Change == Added), specCell(d.After, d.Change == Removed))
		}
		more(len(e.Deps))
	}
	values := func(title string, vs []ValueChange) {
		if len(vs) == 0 {
			return
		}
		fmt.Fprintf(b, "| %s | Change | Before | After |\n|---|---|---|---|\n", title)
		for i, v := range vs {
			if i == max {
				break
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s |\n", mdText(v.Source), v.Change, valueCell(v.Before), valueCell(v.After))
		}
		more(len(vs))
	}
	values("Python version", e.Python)
	values("Base image", e.BaseImages)
	if len(e.Artifacts) > 0 {
		b.WriteString("| Data / model artifact | Stored in | Change | Before | After |\n|---|---|---|---|---|\n")
		for i, a := range e.Artifacts {
			if i == max {
				break
			}
			name := "`" + mdCode(a.Path) + "`"
			if a.Model {
				name += " (model)"
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", name, storeName(a.Kind), a.Change, sizeCell(a.BeforeSize), sizeCell(a.AfterSize))
		}
		more(len(e.Artifacts))
	}
	if len(e.ModelCards) > 0 {
		b.WriteString("Model cards: ")
		var parts []string
		for _, c := range e.ModelCards {
			parts = append(parts, "`"+mdCode(c.Path)+"` ("+c.Change+")")
		}
		b.WriteString(strings.Join(parts, ", ") + "\n\n")
	}
}

func specCell(s string, absent bool) string {
	if absent {
		return ""
	}
	if s == "" {
		return "*any version*"
	}
	return "`" + mdCode(s) + "`"
}

func valueCell(s string) string {
	if s == "" {
		return ""
	}
	return "`" + mdCode(s) + "`"
}

func storeName(kind string) string {
	switch kind {
	case "lfs":
		return "Git LFS"
	case "dvc":
		return "DVC"
	}
	return "git"
}

func sizeCell(n int64) string {
	if n < 0 {
		return ""
	}
	return bytesize.Format(n)
}

func (r *Report) mdChecklist(b *strings.Builder, full bool) {
	was := map[string]Status{}
	for _, it := range r.BaseChecklist {
		was[it.ID] = it.Status
	}
	var changed []string
	for _, it := range r.Checklist {
		if old, ok := was[it.ID]; ok && old != it.Status {
			changed = append(changed, fmt.Sprintf("%s %s (was %s)", statusIcon(it.Status), it.Title, statusIcon(old)))
		}
	}
	if len(changed) > 0 {
		b.WriteString("**Checklist changes:** " + strings.Join(changed, " · ") + "\n\n")
	}
	if !full {
		return
	}
	open := ""
	if r.Delta == nil {
		open = " open"
	}
	fmt.Fprintf(b, "<details%s><summary><b>Checklist: %d of %d (%d%%)</b></summary>\n\n", open, r.Score.Passed, r.Score.Applicable, r.Score.Percent)
	b.WriteString("| | Item | Detail |\n|---|---|---|\n")
	for _, it := range r.Checklist {
		fmt.Fprintf(b, "| %s | %s | %s |\n", statusIcon(it.Status), it.Title, mdText(it.Detail))
	}
	b.WriteString("\n</details>\n\n")
}

func (r *Report) mdFooter(b *strings.Builder) {
	var parts []string
	v := r.Meta.Version
	if v == "" {
		v = "devel"
	}
	parts = append(parts, "git-repro "+v)
	if r.Meta.Commit != "" {
		c := "commit `" + short(r.Meta.Commit) + "`"
		if r.Meta.BaseCommit != "" {
			c += " vs merge base `" + short(r.Meta.BaseCommit) + "`"
		}
		parts = append(parts, c)
	}
	if r.Meta.Command != "" {
		parts = append(parts, "reproduce locally: `"+mdCode(r.Meta.Command)+"`")
	}
	b.WriteString("<sub>" + strings.Join(parts, " · ") + "</sub>\n")
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// mdText escapes text for a markdown table cell or list item: HTML, pipes
// and emphasis characters; newlines become spaces.
func mdText(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "|", `\|`, "*", `\*`, "_", `\_`,
		"`", "\\`", "[", `\[`, "]", `\]`, "\r\n", " ", "\n", " ")
	return r.Replace(s)
}

// mdCode makes s safe inside a code span in a table cell.
func mdCode(s string) string {
	r := strings.NewReplacer("`", "'", "|", `\|`, "\r\n", " ", "\n", " ")
	return r.Replace(s)
}
