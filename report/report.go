package report

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/git-repro/git-repro/checks"
)

// Options configures the writers. The zero value is usable.
type Options struct {
	// Rules is the rule metadata (SARIF rules, markdown titles): the rules
	// that ran, usually the registry's (rules.All()). Findings of rules not
	// listed still render, with their id as title.
	Rules []*checks.Rule
	// Files is the number of files the run checked (summaries).
	Files int
	// Color enables ANSI colour in Text. The CLI sets it when stdout is a
	// terminal and NO_COLOR is unset; writers never look at the
	// environment themselves.
	Color bool
	// Summary adds a closing count line to Text ("3 findings (2 errors,
	// 1 warning) in 12 files").
	Summary bool
	// ToolVersion is the git-repro version (SARIF driver, markdown footer).
	ToolVersion string
	// SARIFCategory is the code-scanning category (automationDetails.id is
	// SARIFCategory+"/"); default "git-repro".
	SARIFCategory string
	// SrcRoot, when set, is the absolute "file:///.../" URI of the
	// repository root, written as SARIF originalUriBaseIds.%SRCROOT%.
	SrcRoot string
	// Title is the markdown heading (default "git-repro").
	Title string
	// LinkBase, when set, turns markdown locations into links:
	// LinkBase + path + "#L" + line (e.g. "https://host/o/r/blob/<sha>/").
	LinkBase string
	// MaxBytes caps the markdown output (0: no cap); rows that do not fit
	// are counted in a closing note instead.
	MaxBytes int
}

func (o Options) ruleByID() map[string]*checks.Rule {
	m := map[string]*checks.Rule{}
	for _, r := range o.Rules {
		m[r.ID] = r
	}
	return m
}

// Writer renders findings in one format.
type Writer func(w io.Writer, findings []checks.Finding, o Options) error

// Formats lists the --format names in display order.
var Formats = []string{"text", "json", "sarif", "markdown", "github"}

// Lookup returns the writer of a format name.
func Lookup(format string) (Writer, bool) {
	switch format {
	case "text":
		return Text, true
	case "json":
		return JSON, true
	case "sarif":
		return SARIF, true
	case "markdown":
		return Markdown, true
	case "github":
		return GitHub, true
	}
	return nil, false
}

// Write renders findings in the named format.
func Write(w io.Writer, format string, findings []checks.Finding, o Options) error {
	wr, ok := Lookup(format)
	if !ok {
		return fmt.Errorf("unknown format %q (valid: %s)", format, strings.Join(Formats, ", "))
	}
	return wr(w, findings, o)
}

// Summary counts findings.
type Summary struct {
	Files      int            `json:"files"`
	Total      int            `json:"total"`
	BySeverity map[string]int `json:"by_severity"`
	ByCategory map[string]int `json:"by_category"`
}

// Summarize counts findings by severity and category; every severity and
// category is present, with 0 when it has no findings.
func Summarize(findings []checks.Finding, files int) Summary {
	s := Summary{Files: files, Total: len(findings), BySeverity: map[string]int{}, ByCategory: map[string]int{}}
	for _, sev := range []checks.Severity{checks.Error, checks.Warning, checks.Info} {
		s.BySeverity[sev.String()] = 0
	}
	for _, c := range checks.Categories {
		s.ByCategory[c] = 0
	}
	for _, f := range findings {
		s.BySeverity[f.Severity.String()]++
		s.ByCategory[f.Category]++
	}
	return s
}

// countPhrase says "2 errors, 1 warning" (or "no findings").
func countPhrase(findings []checks.Finding) string {
	n := map[checks.Severity]int{}
	for _, f := range findings {
		n[f.Severity]++
	}
	var parts []string
	for _, sev := range []checks.Severity{checks.Error, checks.Warning, checks.Info} {
		if c := n[sev]; c > 0 {
			word := sev.String()
			if c > 1 && sev != checks.Info {
				word += "s"
			}
			parts = append(parts, fmt.Sprintf("%d %s", c, word))
		}
	}
	if len(parts) == 0 {
		return "no findings"
	}
	return strings.Join(parts, ", ")
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// ANSI styles for Text.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

func sevColor(s checks.Severity) string {
	switch s {
	case checks.Error:
		return ansiRed
	case checks.Warning:
		return ansiYellow
	}
	return ansiCyan
}

// location formats "path:line:col" (line and column only when known).
func location(f checks.Finding) string {
	s := f.Path
	if f.Line > 0 {
		s += fmt.Sprintf(":%d", f.Line)
		if f.Column > 0 {
			s += fmt.Sprintf(":%d", f.Column)
		}
	}
	return s
}

// oneLine keeps a terminal line a line: control characters (a message
// quoting a file's content) are shown escaped.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\t':
			b.WriteRune(' ')
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Text writes one finding per line, "path:line:col: message [RULE-ID]",
// followed by "    hint: ..." when the finding has a hint.
func Text(w io.Writer, findings []checks.Finding, o Options) error {
	bw := bufio.NewWriter(w)
	for _, f := range findings {
		loc, msg, id := location(f), oneLine(f.Message), f.Rule
		if o.Color {
			fmt.Fprintf(bw, "%s%s%s: %s %s[%s]%s\n", ansiBold, loc, ansiReset, msg, sevColor(f.Severity), id, ansiReset)
		} else {
			fmt.Fprintf(bw, "%s: %s [%s]\n", loc, msg, id)
		}
		if f.Hint != "" {
			if o.Color {
				fmt.Fprintf(bw, "    %shint: %s%s\n", ansiDim, oneLine(f.Hint), ansiReset)
			} else {
				fmt.Fprintf(bw, "    hint: %s\n", oneLine(f.Hint))
			}
		}
	}
	if o.Summary {
		line := fmt.Sprintf("%s (%s) in %s", plural(len(findings), "finding"), countPhrase(findings), plural(o.Files, "file"))
		if len(findings) == 0 {
			line = fmt.Sprintf("no findings in %s", plural(o.Files, "file"))
		}
		fmt.Fprintln(bw, line)
	}
	return bw.Flush()
}

// jsonReport is the findings contract of DESIGN.md.
type jsonReport struct {
	Version  int              `json:"version"`
	Findings []checks.Finding `json:"findings"`
	Summary  Summary          `json:"summary"`
}

// JSON writes {"version":1,"findings":[...],"summary":{...}}; findings is
// always an array, [] when empty.
func JSON(w io.Writer, findings []checks.Finding, o Options) error {
	if findings == nil {
		findings = []checks.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(jsonReport{Version: 1, Findings: findings, Summary: Summarize(findings, o.Files)})
}

// GitHub writes one workflow command per finding:
// "::error file=F,line=L,col=C,title=T::message". Severity info becomes
// "notice". Data and properties are escaped as the runner expects.
func GitHub(w io.Writer, findings []checks.Finding, o Options) error {
	rules := o.ruleByID()
	bw := bufio.NewWriter(w)
	for _, f := range findings {
		cmd := "notice"
		switch f.Severity {
		case checks.Error:
			cmd = "error"
		case checks.Warning:
			cmd = "warning"
		}
		props := []string{"file=" + EscapeProperty(f.Path)}
		if f.Line > 0 {
			props = append(props, fmt.Sprintf("line=%d", f.Line))
			if f.Column > 0 {
				props = append(props, fmt.Sprintf("col=%d", f.Column))
			}
		}
		title := f.Rule
		if r := rules[f.Rule]; r != nil && r.Title != "" {
			title += ": " + r.Title
		}
		props = append(props, "title="+EscapeProperty(title))
		msg := f.Message
		if f.Hint != "" {
			msg += "\nhint: " + f.Hint
		}
		fmt.Fprintf(bw, "::%s %s::%s\n", cmd, strings.Join(props, ","), EscapeData(msg))
	}
	return bw.Flush()
}

// EscapeData escapes a workflow command's message: % \r \n.
func EscapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// EscapeProperty escapes a workflow command property value: as data, plus
// ":" and ",".
func EscapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
