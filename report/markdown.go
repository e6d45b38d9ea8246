package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/git-repro/git-repro/checks"
)

// Markdown writes a report: a heading with the status first, a table of
// counts per category and severity, then one table of findings per
// category (errors first). With Options.MaxBytes, rows that do not fit are
// left out and counted in a closing note.
func Markdown(w io.Writer, findings []checks.Finding, o Options) error {
	_, err := io.WriteString(w, MarkdownString(findings, o))
	return err
}

// MarkdownString is Markdown into a string (for a PR comment or job
// summary that embeds it).
func MarkdownString(findings []checks.Finding, o Options) string {
	title := o.Title
	if title == "" {
		title = "git-repro"
	}
	var head strings.Builder
	fmt.Fprintf(&head, "## %s\n\n", mdEscape(title))
	if len(findings) == 0 {
		fmt.Fprintf(&head, "**Passed:** no findings in %s checked.\n", plural(o.Files, "file"))
		return head.String() + footer(o)
	}
	// The status names the worst severity; whether it fails the run is the
	// caller's --fail-on.
	worst := checks.Info
	for _, f := range findings {
		worst = max(worst, f.Severity)
	}
	status := map[checks.Severity]string{checks.Error: "Failed", checks.Warning: "Warnings", checks.Info: "Notes"}[worst]
	fmt.Fprintf(&head, "**%s:** %s (%s) in %s checked.\n\n", status, plural(len(findings), "finding"), countPhrase(findings), plural(o.Files, "file"))

	byCat := map[string][]checks.Finding{}
	var cats []string
	for _, c := range checks.Categories {
		byCat[c] = nil
	}
	for _, f := range findings {
		if _, known := byCat[f.Category]; !known {
			cats = append(cats, f.Category) // unknown categories last, in order of appearance
		}
		byCat[f.Category] = append(byCat[f.Category], f)
	}
	var order []string
	for _, c := range checks.Categories {
		if len(byCat[c]) > 0 {
			order = append(order, c)
		}
	}
	order = append(order, dedupe(cats)...)

	head.WriteString("| category | errors | warnings | info |\n|---|---:|---:|---:|\n")
	for _, c := range order {
		n := map[checks.Severity]int{}
		for _, f := range byCat[c] {
			n[f.Severity]++
		}
		fmt.Fprintf(&head, "| %s | %d | %d | %d |\n", mdEscape(c), n[checks.Error], n[checks.Warning], n[checks.Info])
	}

	rules := o.ruleByID()
	var body strings.Builder
	foot := footer(o)
	budget := -1
	if o.MaxBytes > 0 {
		budget = o.MaxBytes - head.Len() - len(foot) - 200 // room for the note
	}
	shown := 0
	full := false
	for _, c := range order {
		if full {
			break
		}
		fs := append([]checks.Finding(nil), byCat[c]...)
		sortBySeverity(fs)
		var sec strings.Builder
		fmt.Fprintf(&sec, "\n### %s (%d)\n\n| severity | location | rule | finding |\n|---|---|---|---|\n", mdEscape(c), len(fs))
		for i, f := range fs {
			row := mdRow(f, rules[f.Rule], o.LinkBase)
			if i == 0 {
				row = sec.String() + row // a section header only with its first row
			}
			if budget >= 0 && body.Len()+len(row) > budget {
				full = true
				break
			}
			body.WriteString(row)
			shown++
		}
	}
	if shown < len(findings) {
		fmt.Fprintf(&body, "\n_%s not shown (the report is limited to %d bytes); run `git repro check` to see all._\n", plural(len(findings)-shown, "more finding"), o.MaxBytes)
	}
	return head.String() + body.String() + foot
}

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// sortBySeverity orders errors first, keeping path order within a severity.
func sortBySeverity(fs []checks.Finding) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && fs[j].Severity > fs[j-1].Severity; j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}

func mdRow(f checks.Finding, r *checks.Rule, linkBase string) string {
	loc := mdEscape(location(f))
	if linkBase != "" {
		target := strings.TrimSuffix(linkBase, "/") + "/" + relURI(f.Path)
		if f.Line > 0 {
			target += fmt.Sprintf("#L%d", f.Line)
		}
		loc = "[" + loc + "](" + strings.NewReplacer("(", "%28", ")", "%29", " ", "%20").Replace(target) + ")"
	}
	rule := f.Rule
	if r != nil && r.Title != "" {
		rule += " " + r.Title
	}
	text := mdEscape(f.Message)
	if f.Hint != "" {
		text += "<br>_hint:_ " + mdEscape(f.Hint)
	}
	return fmt.Sprintf("| %s | %s | %s | %s |\n", f.Severity, loc, mdEscape(rule), text)
}

// EscapeMarkdown makes text safe inside a markdown table cell (for
// writers that build their own tables around these findings).
func EscapeMarkdown(s string) string { return mdEscape(s) }

// mdEscape makes text safe inside a table cell: markdown punctuation is
// backslash-escaped, HTML is neutralised and newlines become <br>.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '`', '*', '_', '[', ']', '|', '#', '~':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\r':
		case '\n':
			b.WriteString("<br>")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func footer(o Options) string {
	v := ""
	if o.ToolVersion != "" {
		v = " " + mdEscape(o.ToolVersion)
	}
	return fmt.Sprintf("\n<sub>git-repro%s · reproduce locally with `git repro check --all`</sub>\n", v)
}
